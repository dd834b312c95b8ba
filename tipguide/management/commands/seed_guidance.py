from django.core.management.base import BaseCommand, CommandError

from tipguide.services import guidance_seed


class Command(BaseCommand):
    help = (
        "Load the guidance's content from fixtures/. Inserts what is missing and never overwrites "
        "a record an admin has edited; --reset restores the guidance's own text."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Replace edited records with the guidance's own text.",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="With --reset, do not ask for confirmation.",
        )

    def handle(self, *args, reset, interactive, verbosity, **options):
        if reset:
            edited = guidance_seed(dry_run=True).skipped
            if edited:
                self.stdout.write(
                    "--reset will replace these edited records with the guidance's text:"
                )
                for label in edited:
                    self.stdout.write(f"  {label}")
                if interactive:
                    try:
                        answer = input("Type 'yes' to continue: ")
                    except EOFError:  # stdin is closed: no answer is not a yes
                        self.stdout.write("")  # end the prompt's line
                        raise CommandError(
                            "No answer (end of input): nothing was changed."
                        ) from None
                    if answer.strip() != "yes":
                        raise CommandError("Nothing was changed.")
        report = guidance_seed(reset=reset)
        if verbosity == 0:
            return
        for label in report.skipped:
            self.stdout.write(f"Skipped (edited by an admin): {label}")
        for label in report.restored:
            self.stdout.write(f"Restored: {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Guidance seeded: {len(report.created)} created, {len(report.restored)} restored, "
                f"{len(report.skipped)} skipped as edited, {report.unchanged} unchanged."
            )
        )
        if report.skipped:
            self.stdout.write("Run seed_guidance --reset to restore the guidance's own text.")
