from django.core.management.base import BaseCommand, CommandError

from tipguide.core.services import GuidanceChanged, guidance_seed


class Command(BaseCommand):
    help = (
        "Load the guidance's content from fixtures/. Inserts what is missing, never overwrites a "
        "record an admin has edited nor brings back one an editor deleted; --reset restores the "
        "guidance's own text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Replace edited records with the guidance's own text, re-create deleted ones.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="With --reset, do not ask for confirmation.",
        )

    def handle(self, *args, reset, interactive, verbosity, **options):
        listed = None
        if reset:
            listed = guidance_seed(reset=True, dry_run=True)
            self.write_list(
                "--reset will replace these edited records with the guidance's text:",
                listed.restored,
            )
            self.write_list(
                "--reset will re-create these records an editor deleted:", listed.recreated
            )
            if (listed.restored or listed.recreated) and interactive:
                try:
                    answer = input("Type 'yes' to continue: ")
                except EOFError:  # stdin is closed: no answer is not a yes
                    self.stdout.write("")  # end the prompt's line
                    raise CommandError("No answer (end of input): nothing was changed.") from None
                if answer.strip() != "yes":
                    raise CommandError("Nothing was changed.")
        try:
            report = guidance_seed(reset=reset, listed=listed)
        except GuidanceChanged as changed:
            raise CommandError(
                f"{changed} Nothing was changed: run seed_guidance --reset again for a new list."
            ) from None
        if verbosity == 0:
            return
        for label in report.skipped:
            self.stdout.write(f"Skipped (edited by an admin): {label}")
        for label in report.deleted:
            self.stdout.write(f"Deleted by an editor, not re-created: {label}")
        for label in report.restored:
            self.stdout.write(f"Restored: {label}")
        for label in report.recreated:
            self.stdout.write(f"Re-created: {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Guidance seeded: {len(report.created)} created, {len(report.restored)} restored, "
                f"{len(report.recreated)} re-created, {len(report.skipped)} skipped as edited, "
                f"{len(report.deleted)} left deleted, {report.unchanged} unchanged."
            )
        )
        if report.skipped or report.deleted:
            self.stdout.write("Run seed_guidance --reset to restore the guidance's own text.")

    def write_list(self, heading: str, labels: list[str]):
        if labels:
            self.stdout.write(heading)
            for label in labels:
                self.stdout.write(f"  {label}")
