import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casemgmt.models import State, Strategy
from casemgmt.services import continuity_plan_save, continuity_plan_start, strategy_record_create
from standards.models import Answer, Assessment, ChecklistItem, Result
from standards.services import (
    assessment_answers_save,
    assessment_review,
    assessment_start,
    assessment_submit,
)
from tipguide.organisations.models import Membership, NationalSociety, SocietyProfile

CYCLES = 5
RESULTS = [Result.MET, Result.PARTLY_MET, Result.NOT_MET, Result.NOT_APPLICABLE]


class Command(BaseCommand):
    help = (
        "Fill a throwaway database with full-scale data: every National Society with 5 "
        "assessment cycles, every item answered, strategy history and continuity plans. "
        "For benchmarks; refuses unless DEBUG is on and the database has no assessments."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale is for a throwaway database: DEBUG only.")
        if Assessment.objects.exists():
            raise CommandError("The database has assessments already: use a throwaway one.")
        if not ChecklistItem.objects.exists():
            raise CommandError("Run seed_guidance first.")
        rng = random.Random(193)
        now = timezone.now()
        user_model = get_user_model()
        manager, _ = user_model.objects.get_or_create(username="bench-manager")
        manager.set_password("bench-password")
        manager.save()
        Membership.objects.get_or_create(user=manager, role=Membership.Role.MANAGER)
        strategies = list(Strategy.objects.all())
        with transaction.atomic():
            for society in NationalSociety.objects.all():
                focal = user_model.objects.create(username=f"bench-{society.iso2.lower()}")
                Membership.objects.create(
                    user=focal, role=Membership.Role.FOCAL_POINT, national_society=society
                )
                runs_tip_services = rng.random() < 0.4
                SocietyProfile.objects.create(
                    national_society=society,
                    has_tip_programmes_or_services=runs_tip_services,
                    engages_with_trafficked_people=runs_tip_services,
                )
                for cycle in range(CYCLES, 0, -1):
                    started = now - timedelta(days=91 * cycle)
                    status = (
                        Assessment.Status.REVIEWED
                        if cycle > 1
                        else rng.choice([Assessment.Status.SUBMITTED, Assessment.Status.DRAFT])
                    )
                    self.assessment(society, focal, manager, started, status, rng, cycle < CYCLES)
                for months_ago in (9, 5, 1):
                    strategy_record_create(
                        national_society=society,
                        user=focal,
                        strategy=rng.choice(strategies),
                        since=(now - timedelta(days=30 * months_ago)).date(),
                    )
                plan = continuity_plan_start(national_society=society, user=focal)
                statuses = list(plan.steps.all())
                for step_status in statuses:
                    step_status.state = rng.choice(State.values + [State.IN_PLACE] * 4)
                continuity_plan_save(plan=plan, user=focal, version=plan.version, statuses=statuses)
        self.stdout.write(
            self.style.SUCCESS(
                f"{NationalSociety.objects.count()} National Societies, "
                f"{Assessment.objects.count()} assessments, {Answer.objects.count()} answers."
            )
        )

    def assessment(self, society, focal, manager, started, status, rng, from_previous):
        """Run one assessment cycle through the workflow, then date it `started`.

        After the first cycle, an assessment starts from the previous one and a third of its
        answers change.
        """
        assessment = assessment_start(
            national_society=society, user=focal, from_previous=from_previous
        )
        answers = list(assessment.answers.all())
        if from_previous:
            answers = rng.sample(answers, len(answers) // 3)
        for answer in answers:
            result = rng.choices(RESULTS, [5, 3, 2, 1])[0]
            answer.result = result
            answer.reason = "No such programme" if result == Result.NOT_APPLICABLE else ""
            answer.next_step = "Plan the next step" if result != Result.MET else ""
            answer.owner_role = "PGI focal point" if result != Result.MET else ""
            answer.due_date = (started + timedelta(days=rng.randint(10, 200))).date()
        assessment_answers_save(
            assessment=assessment, user=focal, version=assessment.version, answers=answers
        )
        if status != Assessment.Status.DRAFT:
            assessment_submit(assessment=assessment, user=focal)
        if status == Assessment.Status.REVIEWED:
            assessment_review(assessment=assessment, user=manager, accept=True, comment="")
        handed_in = status != Assessment.Status.DRAFT
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=started,
            updated_at=started + timedelta(days=10),
            submitted_at=started + timedelta(days=14) if handed_in else None,
            reviewed_at=started + timedelta(days=21) if status == "reviewed" else None,
        )
