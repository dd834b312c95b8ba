from django.core.management.base import BaseCommand

from standards.notices import reminders_send


class Command(BaseCommand):
    help = (
        "Mail each person one digest: their National Societies' actions due within a week or "
        "overdue, and, for managers, assessments waiting for review for over two weeks. For cron, "
        "once a day."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Sent {sent} reminder digest(s).")
