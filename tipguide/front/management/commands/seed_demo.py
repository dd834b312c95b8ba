import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from casemgmt.models import State, StepStatus, Strategy
from casemgmt.services import continuity_plan_start, strategy_record_create
from standards.models import ActionStatus, Answer, Assessment, Priority, Result
from standards.services import assessment_review, assessment_start, assessment_submit
from tipguide.organisations.models import (
    CONTENT_EDITORS,
    Membership,
    NationalSociety,
    Region,
    SocietyProfile,
)

PASSWORD = "tipguide-demo"

# Besides Kenya and the Philippines, the demo National Societies, spread over the five regions.
DEMO_SOCIETIES = [
    "ET", "GH", "NG", "ZA", "UG", "SN", "CM",  # Africa
    "CO", "MX", "PE", "GT", "HN",  # Americas
    "BD", "ID", "NP", "VN", "FJ",  # Asia Pacific
    "IT", "GR", "ES", "UA", "RO", "GB",  # Europe
    "LB", "JO", "EG", "IQ", "TN",  # Middle East and North Africa
]  # fmt: skip

NEXT_STEPS = [
    "Run a one-day briefing on trafficking risks for branch volunteers",
    "Add TiP referral contacts to the hotline script",
    "Include disaggregated data fields in the needs assessment form",
    "Agree referral pathways with the national anti-trafficking taskforce",
    "Translate the awareness materials into the main migrant languages",
    "Budget for phones and data bundles for caseworkers",
]
OWNER_ROLES = ["PGI focal point", "Health coordinator", "Branch manager", "HR manager"]
DEMO_ANSWER_FIELDS = [
    "result", "reason", "notes", "next_step", "owner_role", "due_date",
    "action_status", "priority", "completed_on",
]  # fmt: skip
NOT_APPLICABLE_REASONS = ["No livelihood programme in the current response plan"]


class Command(BaseCommand):
    help = "Create demo accounts (password 'tipguide-demo') and assessments. Refuses unless DEBUG."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a known password: DEBUG only.")
        if not NationalSociety.objects.filter(iso2="KE").exists():
            raise CommandError("Run seed_guidance first: the National Societies are missing.")
        self.rng = random.Random(2020)
        accounts = self.create_accounts()
        if Assessment.objects.exists():
            self.stdout.write("Assessments exist already; demo data left as it is.")
        else:
            # Demo data announces nothing: no notice is mailed for the assessments it hands in.
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
                transaction.atomic(),
            ):
                self.create_assessments(accounts)
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password '{PASSWORD}'):"))
        for username, description in [
            ("focal-ke", "focal point, Kenya Red Cross Society"),
            ("focal-ph", "focal point, Philippine Red Cross"),
            ("manager", "manager, all National Societies"),
            ("manager-africa", "manager, Africa region"),
            ("editor", "content editor"),
            ("admin", "superuser"),
        ]:
            self.stdout.write(f"  {username:16} {description}")
        self.stdout.write(
            "  focal-xx         focal point of each demo National Society (xx: ISO code)"
        )

    def user(self, username, **extra):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", **extra}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def focal_point(self, society):
        user = self.user(f"focal-{society.iso2.lower()}")
        Membership.objects.get_or_create(
            user=user, role=Membership.Role.FOCAL_POINT, national_society=society
        )
        return user

    def create_accounts(self):
        manager = self.user("manager")
        Membership.objects.get_or_create(user=manager, role=Membership.Role.MANAGER, region=None)
        manager_africa = self.user("manager-africa")
        Membership.objects.get_or_create(
            user=manager_africa,
            role=Membership.Role.MANAGER,
            region=Region.objects.get(code="africa"),
        )
        self.user("editor", is_staff=True).groups.add(Group.objects.get(name=CONTENT_EDITORS))
        self.user("admin", is_staff=True, is_superuser=True)
        for iso2 in ["KE", "PH"]:
            self.focal_point(NationalSociety.objects.get(iso2=iso2))
        return {"manager": manager}

    def create_assessments(self, accounts):
        now = timezone.now()
        societies = NationalSociety.objects.filter(iso2__in=["KE", "PH", *DEMO_SOCIETIES])
        for society in societies:
            focal = self.focal_point(society)
            runs_tip_services = society.iso2 in ("KE", "PH") or self.rng.random() < 0.4
            SocietyProfile.objects.update_or_create(
                national_society=society,
                defaults={
                    "has_tip_skills_and_experience": runs_tip_services,
                    "has_tip_programmes_or_services": runs_tip_services,
                    "engages_with_trafficked_people": runs_tip_services,
                },
            )
            cycles = 2 if society.iso2 == "KE" else self.rng.randint(0, 3)
            for cycle in range(cycles, 0, -1):
                started = now - timedelta(days=91 * cycle + self.rng.randint(0, 20))
                self.assessment(society, focal, accounts["manager"], started, "reviewed")
            if society.iso2 != "KE":
                state = self.rng.choice(["draft", "submitted", "returned", "draft", None])
                if society.iso2 == "PH":
                    state = "draft"
                if state:
                    # Long enough ago for each step to be in the past; some submitted
                    # assessments have waited over two weeks for review.
                    started = now - timedelta(days=self.rng.randint(25, 60))
                    self.assessment(society, focal, accounts["manager"], started, state)
            self.continuity(society, focal, now)

    def continuity(self, society, focal, now):
        """A strategy history and a continuity plan: Kenya under containment with every step in
        place; Lebanon with a prerequisite that cannot be upheld (temporary shutdown recommended);
        the others drawn at random."""
        containment = Strategy.objects.get(code=Strategy.Code.CONTAINMENT)
        delay = Strategy.objects.get(code=Strategy.Code.DELAY_MITIGATION)
        earlier = (now - timedelta(days=self.rng.randint(200, 300))).date()
        strategy_record_create(
            national_society=society, user=focal, strategy=containment, since=earlier,
            note="Schools and borders open; gatherings limited.",
        )  # fmt: skip
        if society.iso2 == "LB" or (society.iso2 != "KE" and self.rng.random() < 0.5):
            strategy_record_create(
                national_society=society, user=focal, strategy=delay,
                since=(now - timedelta(days=self.rng.randint(10, 90))).date(),
                note="National lockdown announced.",
            )  # fmt: skip
        plan = continuity_plan_start(national_society=society, user=focal)
        statuses = list(plan.steps.select_related("step"))
        for status in statuses:
            if society.iso2 == "KE":
                status.state = State.IN_PLACE
            else:
                weights = [18, 1, 1, 0] if status.step.is_prerequisite else [6, 2, 1, 1]
                status.state = self.rng.choices(
                    [State.IN_PLACE, State.IN_PROGRESS, State.NOT_IN_PLACE, ""], weights
                )[0]
        if society.iso2 == "LB":
            private_space = next(s for s in statuses if s.step.code == "D1")
            private_space.state = State.CANNOT_BE_UPHELD
            private_space.notes = "Caseworkers share housing; no private space for calls."
        StepStatus.objects.bulk_update(statuses, ["state", "notes"])
        if self.rng.random() < 0.7:
            plan.referral_pathways_reviewed_on = (
                now - timedelta(days=self.rng.randint(5, 120))
            ).date()
            plan.save()

    def assessment(self, society, focal, manager, started, state):
        assessment = assessment_start(national_society=society, user=focal, from_previous=False)
        answers = list(assessment.answers.all())
        share = 1.0 if state != "draft" else self.rng.uniform(0.2, 0.8)
        answered = answers[: round(len(answers) * share)]
        # An UPDATE a row: bulk_update's CASE expressions cost more than the queries they save.
        for answer in answered:
            self.answer(answer, started)
            Answer.objects.filter(pk=answer.pk).update(
                **{name: getattr(answer, name) for name in DEMO_ANSWER_FIELDS}
            )
        if state != "draft":
            assessment_submit(assessment=assessment, user=focal)
        if state in ("reviewed", "returned"):
            assessment_review(
                assessment=assessment,
                user=manager,
                accept=state == "reviewed",
                comment="" if state == "reviewed" else "Please add evidence for section 2.",
            )
        if society.iso2 == "KE":
            self.falling_due(answers)
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=started,
            updated_at=started + timedelta(days=10),
            submitted_at=started + timedelta(days=12) if state != "draft" else None,
            reviewed_at=started + timedelta(days=20) if state in ("reviewed", "returned") else None,
        )

    def falling_due(self, answers):
        """Kenya's actions: one overdue and one due within the week, for the reminders."""
        actions = [
            answer for answer in answers if answer.result in (Result.NOT_MET, Result.PARTLY_MET)
        ]
        for answer, days in zip(actions, [-5, 4], strict=False):
            answer.due_date = timezone.localdate() + timedelta(days=days)
            answer.set_action_status(ActionStatus.IN_PROGRESS)
        Answer.objects.bulk_update(actions, ["due_date", "action_status", "completed_on"])

    def answer(self, answer, started):
        roll = self.rng.random()
        if answer.section_number == 1 and answer.item_position == 8 and roll < 0.15:
            answer.result = Result.NOT_APPLICABLE
            answer.reason = self.rng.choice(NOT_APPLICABLE_REASONS)
            return
        answer.result = (
            Result.MET if roll < 0.45 else Result.PARTLY_MET if roll < 0.75 else Result.NOT_MET
        )
        if answer.result != Result.MET:
            answer.next_step = self.rng.choice(NEXT_STEPS)
            answer.owner_role = self.rng.choice(OWNER_ROLES)
            answer.due_date = (started + timedelta(days=self.rng.randint(20, 150))).date()
            answer.priority = self.rng.choice(Priority.values)
            status = self.rng.choices(ActionStatus.values, [5, 3, 2])[0]
            answer.set_action_status(status, today=min(answer.due_date, timezone.localdate()))
        else:
            answer.notes = "In place in the current response plan."
