"""The seeded minimum standards say what the guidance says, word for word."""

import pytest

from standards.models import ChecklistItem, Section, Topic
from tipguide.core.models import FOOTNOTE_MARKER, Passage, Resource

SECTIONS = {
    1: (
        "Integrating Considerations of TiP into Covid-19 response activities: minimum standards",
        "all",
    ),
    2: ("Capacity Building and Support to Staff and Volunteers", "all"),
    3: ("Specialised measures to prevent and respond to TiP", "tip-experienced"),
}

SECTION_INTROS = {
    1: (
        "It is important that National Societies take action to integrate considerations of TiP "
        "into Covid-19 response activities in order to reduce the risks and negative impacts of "
        "TiP. This can be done in the following ways:"
    ),
    2: (
        "Capacity building of Movement staff and volunteers is an essential component of risk "
        "mitigation, prevention and ensuring safe responses. Staff and volunteers from all "
        "sectors in a humanitarian response, especially health, water and sanitation staff in "
        "light of the nature of Covid-19, should be appropriately trained and supported to "
        "understand key protection risks, including TiP, in order to respond to the COVID-19 "
        "crisis without creating further harm. As National Societies may be undertaking "
        "increased recruitment to respond to the COVID-19 crisis, it is a critical time to "
        "ensure efforts are also made to build their capacity to safely respond to protection "
        "issues, including trafficking. This can be done in the following ways:"
    ),
    3: (
        "In addition to the measures outlined in Sections 1 and 2 above, where a National "
        "Society has skills and experience in responding to child protection, sexual and "
        "gender-based violence and TiP and/or has existing TiP programs and services, they can "
        "consider undertaking the more specialised measures suggested below in order to prevent "
        "and respond to TiP during Covid-19;"
    ),
}

ITEMS = {
    "1.1": (
        "Assume TiP is occurring even if there is no evidence of prevalence. Although often not "
        "easily visible, evidence tells us that trafficking exists in every society worldwide;"
    ),
    "1.2": (
        "Collect sex, age and disability disaggregated data and analyse the differential "
        "impacts, barriers and risks being faced by different groups; Ensure the Minimum "
        "Standards for PGI in Emergencies are met in all activities;"
    ),
    "1.3": (
        "Assess potential barriers in accessing services and accurate information, especially "
        "for the at-risk groups highlighted above; and offer protection and assistance through "
        "provision of essential services such as health and psychosocial support, ensuring that "
        "everyone, have access to these services regardless of status or documentation;"
    ),
    "1.4": (
        "Include migrants, including irregular migrant workers and displaced people, in all "
        "general preparedness and response plans and activities and ensure that such support is "
        "accessible and based on vulnerability criteria rather than criteria related to "
        "employment/immigration or legal status, address, etc. to determine need and "
        "eligibility;"
    ),
    "1.5": (
        "Include those who are most vulnerable to the risks of trafficking or their "
        "caretakers/guardians in covid-19 awareness raising initiatives. Consult the CEA hub for "
        "further resources;"
    ),
    "1.6": (
        "Ensure that staff and volunteers in all sectors have received training in all relevant "
        "protection areas, including trafficking (see point 2 below), and are aware of and are "
        "equipped to provide accurate and up-to-date information on support services for "
        "vulnerable cases, including survivors/victims of trafficking, and are aware of current "
        "limitations of response services. Ensure they can all provide safe referrals;"
    ),
    "1.7": (
        "Ensure regular check-ins and communication with the local protection, gender, diversity "
        "or inclusion focal points or teams. Ensure they are regularly consulted and included in "
        "key meetings, information-sharing mechanisms and decision-making processes to provide "
        "technical advice;"
    ),
    "1.8": (
        "Prioritise livelihood interventions for those most at risk of trafficking and "
        "exploitation, especially those in high-risk employment situations, those in the "
        "informal labour market, those who are dependent on their work for immigration/residency "
        "status, and those who live with their employer, among others;"
    ),
    "1.9": (
        "Utilise the role of the Red Cross Movement in Restoring Family Links to support "
        "individuals in re-establishing or maintaining family if separated or disconnected and "
        "to support the maintenance of family structure."
    ),
    "2.1": (
        "The IFRCs Minimum standards for Protection Gender and Inclusion (PGI) in Emergencies "
        "and specific protection issues including:"
    ),
    "2.2": "Code of Conduct",
    "2.3": "Child Protection/Safeguarding policy",
    "2.4": "PSEA policy",
    "2.5": (
        "Plan and facilitate refresher trainings on other protection subjects as necessary, as "
        "well as for newly recruited staff and volunteers. Ensure management and HR also receive "
        "such training"
    ),
    "3.1": (
        "Undertake context specific analysis of trafficking risks, trends and responses, using "
        "National Society and local knowledge and experience, news reports, secondary data, as "
        "well as information from international agencies such as UNODC and ILO and share these "
        "with Movement teams;"
    ),
    "3.2": (
        "Collect and analyse sex, age and disability disaggregated data and analyse the "
        "differential impacts, barriers and risks being faced by different groups to ensure "
        "current TiP programming best meets the needs of the affected population;"
    ),
    "3.3": "Undertake a migration and displacement analysis;",
    "3.4": (
        "Assess the capacity of staff and volunteers in responding to TiP and develop a "
        "specialised TiP training curriculum and capacity building plan in response;"
    ),
    "3.5": (
        "Include trafficking prevention and response into Covid-19 National Society Response "
        "Plans and the continuity and adaptation of TiP life-saving services into Business "
        "Continuity Plans;"
    ),
    "3.6": (
        "Ensure trafficking prevention and response indicators/outputs/outcomes are included in "
        "response plans, including in multi-disciplinary plans;"
    ),
    "3.7": (
        "Adapt working modalities to consider the safety, security and health risks involved "
        "for a trafficked person and their family, the responding organisation and staff, and "
        "the wider community;"
    ),
    "3.8": (
        "Develop or strengthen cooperation with all other sectors, including health "
        "practitioners and community healthcare volunteers to ensure they understand and can "
        "recognise signs of trafficking and respond safely;"
    ),
    "3.9": (
        "Ensure strong cooperation with colleagues from health departments or with healthcare "
        "professionals to ensure that staff and volunteers working with victims/survivors or "
        "at-risk groups are aware of health protocol, risk mitigation and best practices. This "
        "will ensure that trafficked persons, staff, volunteers and the wider community are less "
        "at-risk of contracting the virus. Ensure appropriate health-related interventions are "
        "incorporated into ongoing activities;"
    ),
    "3.10": (
        "Include Covid-19 awareness raising, risk communication, behaviour change and hygiene "
        "promotion approaches within ongoing trafficking prevention or response activities;"
    ),
    "3.11": (
        "Ensure that earmarked funding for TiP interventions is integrated in regional and "
        "country appeals;"
    ),
    "3.12": (
        "If you see that the context your National Society is operating in requires specific "
        "technical support to address TiP, consider requesting surge support from a delegate "
        "with this profile."
    ),
    "3.13": (
        "Ensure implementation of any activities is in line with the Fundamental Principles and "
        "available TiP guidance (referenced below);"
    ),
    "3.14": (
        "Identify, monitor and respond to the specific health needs of trafficked people at the "
        "point of identification and while providing immediate and longer-term support;"
    ),
    "3.15": (
        "Where face-to-face outreach activities may be reduced or suspended, consider replacing "
        "such activities with freely available telephone or internet-based communication "
        "channels;"
    ),
    "3.16": (
        "Review existing referral mechanisms and see how referral and service provision can "
        "continue considering social distancing measures and possible scale-down of activities;"
    ),
    "3.17": (
        "Coordinate and engage with organizations who are responding to incidents of GBV and "
        "child protection to ensure they are aware of the risks of exploitation and trafficking "
        "that women and children face;"
    ),
    "3.18": (
        "Introduce gender-responsive risk mitigation measures such as strengthening women's "
        "groups, shelters and SGBV services incorporating measures;"
    ),
    "3.19": (
        "Introduce child-responsive risk mitigation measures such as efforts to ensure "
        "appropriate care arrangements in the event children and caregivers are separated due to "
        "isolation or treatment and supporting access to remote learning for children when in "
        "person learning is disrupted;"
    ),
    "3.20": (
        "Monitor the short, medium and long-term impacts of any specialised measures implemented;"
    ),
    "3.21": (
        "Ensure that feedback received from all groups, especially those identified as more at "
        "risk of trafficking, is used to adjust programming."
    ),
}

ITEM_COUNTS = {1: 9, 2: 5, 3: 21}

KEY_PHRASES = {
    "1.1": "Assume TiP is occurring",
    "1.2": "sex, age and disability disaggregated data",
    "1.3": "Assess potential barriers in accessing services and accurate information",
    "1.5": "Include those who are most vulnerable",
    "1.6": "staff and volunteers in all sectors",
    "1.9": "Restoring Family Links",
    "2.1": "",
    "3.1": "specific analysis of trafficking risks, trends and responses",
    "3.3": "migration and displacement analysis",
    "3.7": "Adapt working modalities",
    "3.12": "surge support",
    "3.14": "Identify, monitor and respond",
    "3.21": (
        "Ensure that feedback received from all groups, especially those identified as more at "
        "risk of trafficking, is used to adjust programming."
    ),
}

ITEMS_WITH_TWO_BOLD_PHRASES = {
    "1.3": [
        "Assess potential barriers in accessing services and accurate information",
        "offer protection and assistance through provision of essential services",
    ],
    "1.5": [
        "Include those who are most vulnerable",
        "in covid-19 awareness raising initiatives",
    ],
    "1.6": ["staff and volunteers in all sectors", "support services"],
    "3.14": [
        "Identify, monitor and respond",
        "providing immediate and longer-term support",
    ],
}

CITED_SOURCES = {"3.2": [18], "3.3": [19], "3.7": [20], "3.8": [21]}

TRAINING_TOPICS = [
    "Recognising Trafficked People (online course)",
    "Sexual and Gender Based Violence",
    "Introduction to Child Protection and Child Protection in the IFRC",
    (
        "Responding to protection matters (including the survivor-centred approach and safe "
        "referrals)"
    ),
    "Psychological First Aid",
    (
        "Introduction to Prevention of Sexual Exploitation and Abuse (PSEA) from humanitarian "
        "workers;"
    ),
]

TRAINED_ON = "Ensure all staff and volunteers are trained on;"
SIGNED = (
    "Ensure all staff and volunteers have understood and signed their organisations (or IFRC "
    "secretariat):"
)
LEAD_INS = {"2.1": TRAINED_ON, "2.2": SIGNED, "2.3": SIGNED, "2.4": SIGNED, "2.5": ""}

STAFF_WELLBEING_RESOURCES = [
    "IFRC brief guidance note on caring for volunteers in COVID-19",
    (
        "Psychological coping during a disease outbreak for families, friends, colleagues of those "
        "in quarantine or self-isolation"
    ),
    "Psychosocial First Aid package in the COVID-19 outbreak response",
    (
        "Interim guidance: Supportive supervision for volunteers providing mental health and "
        "psychosocial support during COVID-19"
    ),
    "Guidance on vicarious trauma (Headington Institute)",
]

PASSAGES = [
    (
        "integrating",
        "Integrating TiP considerations in Covid-19 responses",
        (
            "There are a number of ways in which National Societies can integrate the "
            "considerations discussed above into Covid-19 response country plans and activities. "
            "This can be done without dedicated programs and without specialist knowledge in this "
            "area. However, if a National Society is already experienced and knowledgeable in "
            "providing services in response to TiP, it is also possible to undertake more specific "
            "and targeted interventions. Both approaches will be discussed in the following "
            "section, as well as advice on capacity building and support for staff and volunteers."
        ),
        [],
    ),
    (
        "engaging-directly",
        "",
        (
            "Any National Society considering engaging directly with people who have experienced "
            "trafficking, must carefully assess the capacities and capabilities of the NS "
            "including skills, specialised knowledge, resources, procedures and expertise "
            "required to engage in this area, in line with the principle of do no harm. If your "
            "National Society is considering taking such action, you can connect with the IFRC "
            "Global PGI team: pgi.support@ifrc.org. The IFRC approach to TiP is outlined in the "
            "guidance documents for European National Societies and Asia-Pacific National "
            "Societies."
        ),
        [
            "engaging directly with people who have experienced trafficking",
            "carefully assess the capacities and capabilities",
            "do no harm",
            "connect with the IFRC Global PGI team",
        ],
    ),
    (
        "staff-wellbeing",
        "",
        (
            "Staff and volunteers of the Red Cross Red Crescent Movement are equally impacted by "
            "the outbreak of COVID-19. While they provide services to the affected, it is the duty "
            "and obligation of each National Society to care for their well-being. The following "
            "resources have been created to support National Societies to fulfil their duties:"
        ),
        [],
    ),
    (
        "assume-tip-is-happening",
        "",
        (
            "All staff and volunteers must assume that TiP is happening and increasing (even "
            "without existing contextual data) and ensure contingency planning takes into account "
            "increased support to survivors and to services supporting them. The survivor-centred "
            "and multi-sectoral approach must be maintained, although the modality of service "
            "provision and its frequency may be adapted to comply with the measures taken by "
            "governments in containment, delay, and mitigation. Cooperation with TiP (as well as "
            "SGBV, child protection or broader protection based) working groups or networks will "
            "enable staff to identify and monitor emerging trends and share best practice in "
            "responding to upcoming challenges. This coordination needs to be sustained through "
            "remote means of communication if travel or restrictions on in-person meetings are in "
            "place."
        ),
        [
            "assume that TiP is happening and increasing",
            "survivor-centred and multi-sectoral approach must be maintained",
        ],
    ),
]


def standards_texts():
    """Every seeded record of this part of the guidance that carries guidance words."""
    return [
        *Section.objects.all(),
        *ChecklistItem.objects.all(),
        *Topic.objects.all(),
        *Passage.objects.filter(page="standards"),
    ]


def test_there_are_exactly_three_sections(seeded_guidance):
    assert list(Section.objects.values_list("number", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(("number", "title", "applies_to"), [(n, *v) for n, v in SECTIONS.items()])
def test_every_section_has_the_guidance_title_and_audience(
    seeded_guidance, number, title, applies_to
):
    section = Section.objects.get(number=number)
    assert section.title == title
    assert section.applies_to == applies_to


@pytest.mark.parametrize(("number", "intro"), SECTION_INTROS.items())
def test_every_section_introduction_is_the_guidance_paragraph(seeded_guidance, number, intro):
    section = Section.objects.get(number=number)
    assert section.plain_text() == intro
    assert section.emphasis == []


@pytest.mark.parametrize(("number", "count"), ITEM_COUNTS.items())
def test_every_section_has_as_many_items_as_the_guidance_bullets(seeded_guidance, number, count):
    assert ChecklistItem.objects.filter(section__number=number).count() == count


def test_the_items_are_exactly_the_guidance_bullets_in_order(seeded_guidance):
    assert list(ChecklistItem.objects.values_list("code", flat=True)) == list(ITEMS)


@pytest.mark.parametrize(("code", "text"), ITEMS.items())
def test_every_item_has_the_guidance_words(seeded_guidance, code, text):
    item = ChecklistItem.objects.get(code=code)
    assert item.plain_text() == text
    assert code == f"{item.section.number}.{item.position}"


@pytest.mark.parametrize(("code", "key_phrase"), KEY_PHRASES.items())
def test_an_item_key_phrase_is_its_first_bold_phrase(seeded_guidance, code, key_phrase):
    assert ChecklistItem.objects.get(code=code).key_phrase == key_phrase


@pytest.mark.parametrize(("code", "emphasis"), ITEMS_WITH_TWO_BOLD_PHRASES.items())
def test_an_item_with_two_bold_phrases_keeps_both_in_order(seeded_guidance, code, emphasis):
    assert ChecklistItem.objects.get(code=code).emphasis == emphasis


def test_no_item_of_section_two_is_bold(seeded_guidance):
    assert all(item.emphasis == [] for item in ChecklistItem.objects.filter(section__number=2))


@pytest.mark.parametrize(("code", "numbers"), CITED_SOURCES.items())
def test_an_item_cites_the_footnote_the_guidance_attaches_to_it(seeded_guidance, code, numbers):
    assert ChecklistItem.objects.get(code=code).cited_source_numbers() == numbers


@pytest.mark.parametrize(("code", "lead_in"), LEAD_INS.items())
def test_the_capacity_building_items_keep_their_lead_in(seeded_guidance, code, lead_in):
    assert ChecklistItem.objects.get(code=code).lead_in == lead_in


def test_the_other_items_have_no_lead_in(seeded_guidance):
    assert set(
        ChecklistItem.objects.exclude(code__in=LEAD_INS).values_list("lead_in", flat=True)
    ) == {""}


def test_the_training_item_has_the_six_guidance_topics_in_order(seeded_guidance):
    topics = Topic.objects.filter(item__code="2.1")
    assert [topic.plain_text() for topic in topics] == TRAINING_TOPICS
    assert [topic.position for topic in topics] == [1, 2, 3, 4, 5, 6]
    assert Topic.objects.count() == 6


def test_the_online_course_topic_cites_footnote_seventeen(seeded_guidance):
    topic = Topic.objects.get(item__code="2.1", position=1)
    assert topic.text == "Recognising Trafficked People (online course)[^17]"


def test_the_staff_wellbeing_resources_are_the_guidance_bullets_in_order(seeded_guidance):
    resources = Resource.objects.filter(collection="staff-wellbeing").order_by("position")
    assert [resource.title for resource in resources] == STAFF_WELLBEING_RESOURCES
    assert [resource.position for resource in resources] == [1, 2, 3, 4, 5]
    assert all(resource.slug.startswith("wellbeing-") for resource in resources)


@pytest.mark.parametrize(
    ("position", "slug", "title", "text", "emphasis"),
    [(position, *passage) for position, passage in enumerate(PASSAGES, 1)],
)
def test_the_standards_page_passages_are_the_guidance_paragraphs(
    seeded_guidance, position, slug, title, text, emphasis
):
    passage = Passage.objects.get(slug=slug)
    assert (passage.page, passage.position, passage.title) == (
        "standards",
        position,
        title,
    )
    assert passage.plain_text() == text
    assert passage.emphasis == emphasis


def test_this_part_cites_footnotes_17_to_21_once_each(seeded_guidance):
    texts = [record.text for record in standards_texts()]
    numbers = [int(number) for text in texts for number in FOOTNOTE_MARKER.findall(text)]
    assert sorted(numbers) == [17, 18, 19, 20, 21]
