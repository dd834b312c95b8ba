import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from casemgmt.models import (
    ContinuityPlan,
    ProtocolStep,
    State,
    StepStatus,
    Strategy,
    StrategyRecord,
)
from standards.models import Answer, Assessment, ChecklistItem, Result
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
        items = list(ChecklistItem.objects.select_related("section"))
        strategies = list(Strategy.objects.all())
        steps = list(ProtocolStep.objects.all())
        with transaction.atomic():
            for society in NationalSociety.objects.all():
                focal = user_model.objects.create(username=f"bench-{society.iso2.lower()}")
                Membership.objects.create(
                    user=focal, role=Membership.Role.FOCAL_POINT, national_society=society
                )
                runs_tip = rng.random() < 0.4
                SocietyProfile.objects.create(national_society=society, runs_tip_services=runs_tip)
                for cycle in range(CYCLES, 0, -1):
                    started = now - timedelta(days=91 * cycle)
                    status = (
                        Assessment.Status.REVIEWED
                        if cycle > 1
                        else rng.choice([Assessment.Status.SUBMITTED, Assessment.Status.DRAFT])
                    )
                    self.assessment(society, focal, items, runs_tip, started, status, rng)
                for months_ago in (9, 5, 1):
                    StrategyRecord.objects.create(
                        national_society=society,
                        strategy=rng.choice(strategies),
                        since=(now - timedelta(days=30 * months_ago)).date(),
                        recorded_by=focal,
                    )
                plan = ContinuityPlan.objects.create(national_society=society, updated_by=focal)
                StepStatus.objects.bulk_create(
                    StepStatus(
                        plan=plan, step=step, state=rng.choice(State.values + [State.IN_PLACE] * 4)
                    )
                    for step in steps
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"{NationalSociety.objects.count()} National Societies, "
                f"{Assessment.objects.count()} assessments, {Answer.objects.count()} answers."
            )
        )

    def assessment(self, society, focal, items, runs_tip, started, status, rng):
        handed_in = status != Assessment.Status.DRAFT
        assessment = Assessment.objects.create(
            national_society=society,
            status=status,
            includes_specialised_measures=runs_tip,
            created_by=focal,
            submitted_at=started + timedelta(days=14) if handed_in else None,
            reviewed_at=started + timedelta(days=21) if status == "reviewed" else None,
        )
        answers = []
        for item in items:
            if item.section.number == 3 and not runs_tip:
                continue
            result = rng.choices(RESULTS, [5, 3, 2, 1])[0]
            answers.append(
                Answer.for_item(
                    assessment,
                    item,
                    result=result,
                    reason="No such programme" if result == Result.NOT_APPLICABLE else "",
                    next_step="Plan the next step" if result != Result.MET else "",
                    owner_role="PGI focal point" if result != Result.MET else "",
                    due_date=(started + timedelta(days=rng.randint(10, 200))).date(),
                    updated_by=focal,
                )
            )
        bulk_create_with_history(answers, Answer, default_user=focal)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=started,
            updated_at=started + timedelta(days=10),
            score=assessment.progress().score if handed_in else None,
        )
