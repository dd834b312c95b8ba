"""The seeded case-management guidance matches the guidance's own words."""

import pytest

from casemgmt.models import ProtocolStep, Strategy
from tipguide.core.models import Passage, Resource

STRATEGIES = [
    ("containment", "Containment strategy", "face-to-face"),
    ("delay-mitigation", "Delay and mitigation/suppression strategy", "remote"),
]

STRATEGY_LEAD_INS = {
    "containment": "If static face to-face case management can continue, social/physical "
    "distancing measures should be implemented in institutions to ensure safety of staff and "
    "victims/survivors and infection, prevention and control procedures can be implemented in "
    "sites where services are provided. In this instance, it is important to ensure that:",
    "delay-mitigation": "If static face-to-face case management cannot continue then its "
    "recommended to operate remotely via phone or online based case management from "
    "caseworkers' homes. In this instance, it's important to ensure that caseworkers:",
}

CONTAINMENT_STEPS = {
    "C1": "Staff working on National Society hotlines are trained on handling disclosures and safe "
    "referrals in preparation for possible interruption of service provision;",
    "C2": "Preparation occurs for shifting to phone-based specialized services provision if "
    "required (ensuring child protection and GBV caseworkers are prepared to handle trafficking "
    "disclosures and have up-to-date referral pathways);",
    "C3": "A plan is prepared to shift to phone-based case management if required (procure mobile "
    "phones and credit/data bundles for caseworkers and supervisors, and if needed also procure "
    "charging devices for use in settings with poor/unreliable power);",
    "C4": "Internal organizational communication processes are updated or drafted to ensure "
    "support for caseworkers in the interests of duty of care;",
    "C5": "Caseworkers review safety plans with victims/survivors in case of a lockdown, "
    "considering the risks to shifting to phone-based case management. Where appropriate, it may "
    "be useful to procure data packages for victims/survivors;",
    "C6": "Discuss safe storage for existing paper files in the crisis center in case of lockdown "
    "and data storage protocols for remote case management;",
    "C7": "Obtain informed consent of victims/survivors to potentially shift to phone-based case "
    "management.",
}

DELAY_STEPS = {
    "D1": "Have a private and confidential space available in their homes to speak to survivors "
    "over the phone;",
    "D2": "Have obtained informed consent from survivors to conduct phone-based case management;",
    "D3": "Are able to shift to emergency case management and focus primarily on safety planning.",
    "D4": "Revisit the organisational communication plan at regular intervals to ensure that the "
    "processes and procedures continue to be relevant and responsive to changing conditions, and "
    "so that caseworkers can feedback in the interests of duty of care.",
}

STEPS = [
    (code, "containment", position, text)
    for position, (code, text) in enumerate(CONTAINMENT_STEPS.items(), 1)
] + [
    (code, "delay-mitigation", position, text)
    for position, (code, text) in enumerate(DELAY_STEPS.items(), 1)
]

REMOTE_GUIDANCE_NOTE = (
    "This guidance note from the UNFPA aims to provide practical advice for adapting gender based "
    "violence case management service delivery models quickly and ethically during the current "
    "COVID-19 pandemic."
)
REMOTE_PFA = "The IFRC psychosocial centre has guidance on Remote Psychological First Aid."
REMOTE_CEA_HUB = (
    "The Community Engagement & Accountability (CEA) Hub also offers a range of resources to "
    "support remote communication with communities, such as through operating radio listening "
    "programs."
)

PASSAGES = {
    "service-delivery": "Covid-19 containment, delay, and mitigation strategies adopted by "
    "Governments carry various levels of risks and restrictions which make some modes of service "
    "delivery more possible than others. Covid-19 containment strategies enable public life to be "
    "minimally affected and as such, face-to-face specialized services (case management, PSS, "
    "legal assistance, shelter provision) can largely continue. However, delay and "
    "mitigation/suppression strategies see tougher restriction on movement and assembly, making "
    "face-to-face service provision challenging without high-level official permissions and "
    "adequate resources for protective equipment for caseworkers.",
    "contingency-plans": "The section below provides recommendations for provision of "
    "specialized services (case management, PSS, legal assistance) for different national "
    "strategies. Recognising that countries can shift from one strategy to another rapidly, "
    "contingency plans for both strategies are therefore needed.",
    "shutdown-and-refer": "If the prerequisites mentioned above cannot be upheld to ensure the "
    "safety of the survivors, it is recommended to shutdown services temporarily. In that "
    "situation, then it is recommended that caseworkers refer survivors, upon their informed "
    "consent, to services that are still operational. Alternatively, they inform survivors who to "
    "contact if they need help.",
    "remote-services": "If your National Society is also subject to containment measures and are "
    "unable to provide face-to-face services, efforts should be made to provide these suggested "
    f"activities and supports remotely. {REMOTE_GUIDANCE_NOTE} {REMOTE_PFA} {REMOTE_CEA_HUB} "
    "Other National Societies have also adapted remote case management models in their work with "
    "survivors/victims of trafficking, so please get in touch with pgi.support@ifrc.org to be "
    "linked with other colleagues.",
}

REMOTE_RESOURCES = [
    ("remote-unfpa-gbv-case-management", "guidance note", REMOTE_GUIDANCE_NOTE),
    ("remote-pfa", "Remote Psychological First Aid", REMOTE_PFA),
    ("remote-cea-hub", "Community Engagement & Accountability (CEA) Hub", REMOTE_CEA_HUB),
]


def seeded_texts():
    return [
        *Strategy.objects.all(),
        *ProtocolStep.objects.all(),
        *Passage.objects.filter(page="casemgmt"),
    ]


def test_the_guidance_gives_two_strategies_in_order(seeded_guidance):
    assert list(Strategy.objects.values_list("code", "name", "modality", "position")) == [
        (*strategy, position) for position, strategy in enumerate(STRATEGIES, 1)
    ]


@pytest.mark.parametrize(("code", "text"), STRATEGY_LEAD_INS.items())
def test_every_strategy_has_the_guidance_lead_in(seeded_guidance, code, text):
    assert Strategy.objects.get(code=code).plain_text() == text


@pytest.mark.parametrize(("strategy", "count"), [("containment", 7), ("delay-mitigation", 4)])
def test_each_strategy_has_the_guidance_number_of_steps(seeded_guidance, strategy, count):
    assert ProtocolStep.objects.filter(strategy__code=strategy).count() == count


def test_every_protocol_step_code_is_present(seeded_guidance):
    assert sorted(ProtocolStep.objects.values_list("code", flat=True)) == sorted(
        [*CONTAINMENT_STEPS, *DELAY_STEPS]
    )


@pytest.mark.parametrize(("code", "strategy", "position", "text"), STEPS)
def test_every_protocol_step_has_the_guidance_text(seeded_guidance, code, strategy, position, text):
    step = ProtocolStep.objects.get(code=code)
    assert (step.strategy.code, step.position, step.plain_text()) == (strategy, position, text)


def test_only_the_delay_and_mitigation_steps_are_the_prerequisites(seeded_guidance):
    prerequisites = ProtocolStep.objects.filter(is_prerequisite=True)
    assert sorted(prerequisites.values_list("code", flat=True)) == sorted(DELAY_STEPS)


def test_the_case_management_page_has_its_passages_in_guidance_order(seeded_guidance):
    passages = Passage.objects.filter(page="casemgmt").order_by("position")
    assert list(passages.values_list("slug", "position", "title")) == [
        (slug, position, "") for position, slug in enumerate(PASSAGES, 1)
    ]


@pytest.mark.parametrize(("slug", "text"), PASSAGES.items())
def test_every_case_management_passage_has_the_guidance_text(seeded_guidance, slug, text):
    assert Passage.objects.get(slug=slug).plain_text() == text


def test_the_contingency_passage_cites_footnote_22_after_its_last_word(seeded_guidance):
    assert Passage.objects.get(slug="contingency-plans").text.endswith(
        "contingency plans for both strategies are therefore needed.[^22]"
    )


def test_only_the_contingency_passage_cites_a_footnote(seeded_guidance):
    citing = {r.natural_key(): r.cited_source_numbers() for r in seeded_texts()}
    assert {key: numbers for key, numbers in citing.items() if numbers} == {
        ("contingency-plans",): [22]
    }


def test_no_case_management_record_has_bold_because_the_guidance_sets_none(seeded_guidance):
    assert all(record.emphasis == [] for record in seeded_texts())


def test_the_guidance_names_three_remote_service_resources_in_order(seeded_guidance):
    resources = Resource.objects.filter(collection="remote-services").order_by("position")
    assert list(resources.values_list("slug", "title", "description", "url", "position")) == [
        (slug, title, description, "", position)
        for position, (slug, title, description) in enumerate(REMOTE_RESOURCES, 1)
    ]


@pytest.mark.parametrize("slug", [slug for slug, _, _ in REMOTE_RESOURCES])
def test_every_remote_resource_is_named_in_the_remote_services_passage(seeded_guidance, slug):
    resource = Resource.objects.get(slug=slug)
    assert resource.title in resource.description
    assert resource.description in Passage.objects.get(slug="remote-services").plain_text()
