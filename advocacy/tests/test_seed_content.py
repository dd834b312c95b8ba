"""The seeded humanitarian diplomacy and advocacy guidance matches the guidance's own words."""

import pytest

from advocacy.models import Approach, CoreAsk, Message, Objective, Principle
from tipguide.core.models import Passage

PASSAGES = {
    "auxiliary-role": "National Societies, in their role as auxiliary to public authorities in the "
    "humanitarian field, can play a key role in influencing the policy and practice of local and "
    "national government authorities, donors and the wider humanitarian and development community "
    "for an improved, more comprehensive and better coordinated response to TiP during the "
    "Covid-19 pandemic.",
    "messaging-focus": "Depending on local and national priorities, messaging can focus on "
    "prevention, protection and provision of remedial and recovery support for persons at risk of "
    "trafficking, people in situations of trafficking and people who have managed to exit "
    "trafficking situations.",
    "asks-lead": "Messages should call for decision makers to ensure that:",
    "principles-lead": "Messaging should always:",
    "approaches-lead": "In undertaking humanitarian diplomacy and advocacy in relation to TiP, "
    "National Societies can choose to adopt one of two approaches:",
    "evidence": "Humanitarian diplomacy is most effective when supported by experiences from the "
    "National Society's work and when messages are linked to the mandate and role of the National "
    "Society in the country. Building an evidence base from reports, statistics or anonymized case "
    "studies can support humanitarian diplomacy efforts. The focus of humanitarian diplomacy "
    "should always be on protection and assistance for those who have been or are vulnerable to "
    "trafficking.",
}

PASSAGE_TITLES = {"auxiliary-role": "Humanitarian Diplomacy and Advocacy"}

CORE_ASKS = {
    1: "Covid-19 responses are tailored and adapted to support people who have been trafficked;",
    2: "Specific services to prevent and protect people who have been trafficked are maintained "
    "and delivered safely, despite Covid-19;",
    3: "Responses are appropriate and informed by effective and inclusive community participation.",
}

PRINCIPLES = {
    1: "Follow the Fundamental Principles and be neutral, impartial and humanitarian in focus",
    2: "Uphold the safety and dignity of affected persons, avoid victimisation and protect "
    "confidentiality and individual autonomy.",
}

APPROACHES = [
    {
        "number": 1,
        "title": "Build a more protective environment",
        "summary": "Promote the Movement's minimum commitments on protection, gender and inclusion "
        "within Covid-19 responses to create a protective environment which is better equipped to "
        "prevent and respond to TiP",
        "recommended_for": "recommended for National Societies who do not currently engage with "
        "trafficked people.",
        "for_societies_engaging_with_trafficked_people": False,
    },
    {
        "number": 2,
        "title": "Preventing and responding to trafficking in persons in Covid-19 responses",
        "summary": "Raise specific issues related to TiP within Covid-19 responses",
        "recommended_for": "recommended for National Societies who currently engage with "
        "trafficked people.",
        "for_societies_engaging_with_trafficked_people": True,
    },
]

APPROACH_INTRODUCTIONS = {
    1: "National Societies who do not currently engage with trafficked people may want to "
    "consider undertaking humanitarian diplomacy and advocacy targeted at encouraging decision "
    "makers, local and national authorities, humanitarian and development organisations "
    "responding to Covid-19 to act, at all times, in the interests of vulnerable and at-risk "
    "populations, with full respect for their rights and promotion of their dignity. This can be "
    "facilitated through the following actions:",
    2: "National Societies that already work to prevent or respond to human trafficking may want "
    "to consider undertaking humanitarian diplomacy and advocacy targeted at the specific needs of "
    "trafficked people. National Societies can call on signatory states to reaffirm their "
    "commitment to the UN General Assembly Call to Action to End Forced Labour, Modern Slavery and "
    "Human Trafficking and to implement Objective 10 of the Global Compact on Migration to "
    "'Prevent, combat and eradicate trafficking in persons in the context of international "
    "migration'.\n\n"
    "In line with national commitments, laws and international legal frameworks, National "
    "Societies can also call on local and national authorities, decision makers and Covid-19 "
    "response actors to:",
}

OBJECTIVES = {
    "1.1": "Adapt Covid-19 response and recovery plans, across all sectors, to meet the specific "
    "needs of diverse population groups, including trafficked persons and those at risk of TiP",
    "1.2": "Ensure safe and dignified access to essential services and assistance for all persons "
    "without discrimination",
    "1.3": "Facilitate an appropriate and local response through the meaningful participation of "
    "diverse population groups",
    "1.4": "Protect the safety and security of all persons during the crisis, including protection "
    "from trafficking and security for victims/survivors",
    "2.1": "Integrate TiP within Covid-19 response and recovery plans",
    "2.2": "Maintain the identification and protection of victims/survivors of trafficking during "
    "the crisis",
    "2.3": "Ensure trafficked persons have access to essential protection services and provision "
    "of care",
    "2.4": "Adequately resource TiP prevention and response activities now and in the future",
}

MESSAGES = {
    "1.1.1": "Apply a diversity and vulnerability lens to analyse the primary and secondary "
    "impacts of Covid-19. Consider risks, needs and existing resources as well as measures needed "
    "to facilitate equal access and participation in the response;",
    "1.1.2": "Collect disaggregated data by sex, age, disability and other relevant diversity "
    "metrics across all sectors to ensure that Covid-19 information, services and response "
    "activities are reaching the most marginalised and most at risk. Use this information to "
    "adjust programmes so they promote inclusion and gender equality;",
    "1.1.3": "Identify groups of people at particular risk from the secondary impacts of Covid-19 "
    "and integrate their specific needs within response and recovery policies and plans. For "
    "example, prioritising persons or households at risk of trafficking for the provision of food "
    "security, livelihood or cash-based assistance to reduce the drivers of TiP.",
    "1.2.1": "Maintain essential services for all persons exposed to exploitation, violence or "
    "abuse, including helplines, safe houses, health and mental health care, law enforcement, and "
    "legal support during the crisis;",
    "1.2.2": "Facilitate access to information and essential health and social protection "
    "services for all persons, including migrants, irrespective of their immigration status or "
    "documentation. Adapt communication strategies, public health policies and service provision "
    "to ensure access;",
    "1.2.3": "Target social protection, cash assistance, food security, livelihood and economic "
    "recovery programmes so they support and protect individuals at risk from exploitation and "
    "abuse, including those at risk of trafficking;",
    "1.2.4": "Facilitate access for humanitarian actors to deliver services and meet the needs of "
    "the most at-risk and affected communities.",
    "1.3.1": "Build trust with communities by establishing effective consultation and feedback "
    "mechanisms, adapted for diverse population groups. This will support the identification of "
    "risks, including TiP, and facilitate participation in the design and implementation of "
    "responses;",
    "1.3.2": "Meaningfully consult and engage with women to ensure they have access to "
    "information, control over resources and power to inform decisions;",
    "1.3.3": "Facilitate meaningful participation of local women and girls, sexual and gender "
    "minorities, ethnic minorities, migrant communities, persons with disabilities and other "
    "groups at risk of trafficking in all Covid-19 crisis and recovery decision-making processes;",
    "1.3.4": "Engage with local organisations, groups and trusted individuals that represent "
    "diverse population groups, including TiP survivor groups, to better understand their needs, "
    "risks and resources.",
    "1.4.1": "Conduct risk assessments and risk mitigation within Covid-19 health, public health "
    "and recovery responses to reduce harm, including exposure to trafficking and other forms of "
    "exploitation;",
    "1.4.2": "The best interests of the child should guide all decisions regarding children. Due "
    "to their heightened vulnerabilities, unaccompanied and separated children require particular "
    "and urgent protection from exploitation, including trafficking;",
    "1.4.3": "Establish measures to preserve family unity where possible, and to uphold the best "
    "interests of the child where health or public health measures result in family separation;",
    "1.4.4": "Demand zero-tolerance for xenophobic speech or acts. In accordance with the "
    "obligation to protect migrants from abuse, authorities have a particular responsibility to "
    "refrain from feeding negative narratives against migrants and to counter such narratives.",
    "2.1.1": "Analyse the potential impact of Covid-19 on TiP dynamics and identify those at "
    "increased risk. Incorporate these considerations into Covid-19 public health and social "
    "welfare policies, response and recovery plans;",
    "2.1.2": "Coordinate and align the work of relevant Ministries and public authorities working "
    "on TiP and on Covid-19 (such as the ministries of health, justice, social affairs, labour, "
    "economic and internal/home affairs) in order to effectively integrate TiP prevention, "
    "identification and response into public health policy and social and economic recovery "
    "plans;",
    "2.1.3": "Integrate the root causes of TiP within long-term Covid-19 economic and social "
    "recovery plans, by addressing poverty, unemployment, income inequality, discrimination, "
    "gender inequality. Take steps to strengthen national frameworks on labour rights and "
    "regulations in all economic sectors and facilitate legal and safe migration routes.",
    "2.2.1": "Ensure uninterrupted respect for and adherence to national, regional and "
    "international legal frameworks related to the protection of victims/survivors of human "
    "trafficking during the crisis;",
    "2.2.2": "Ensure victims/survivors are able to access their legal rights without "
    "interruption, including the ability for trafficked persons to submit asylum and trafficking "
    "claims with minimum delays;",
    "2.2.3": "Maintain trafficking prevention and victim identification measures during the "
    "crisis. Take action to ensure that public health measures, such as social distancing and "
    "movement restrictions, do not impede these activities and that law enforcement is equipped "
    "to analyse and respond to changing landscape of trafficking in persons;",
    "2.2.4": "Take measures to ensure full respect with the principle of non-refoulement. Suspend "
    "all forced returns in light of both Covid-19 health risks and increased risk of TiP "
    "resulting from economic crisis. Base all voluntary return on individual consent informed by "
    "a full assessment of the health and security situation. Where safe return is not possible, "
    "facilitate social inclusion to reduce the risk of re-exploitation.",
    "2.3.1": "Categorise TiP services as essential due to the negative and often life-threatening "
    "impacts on individuals and damage caused to social cohesion and economic stability;",
    "2.3.2": "Maintain essential protection services and provision of care for trafficked people "
    "during the crisis, including the ability for trafficked persons to access shelter, health "
    "and mental health care and welfare services while their claims are being processed;",
    "2.3.3": "Separate the delivery of essential health and welfare services from immigration "
    "enforcement. This will remove a significant barrier for reporting health concerns and "
    "seeking assistance by migrants, including those who have been or remain at risk of "
    "trafficking - removing fear of detention, deportation or violence.",
    "2.4.1": "Prioritise flexible and long-term funding for trafficking prevention and response "
    "efforts and ensure that funds already allocated for the support of trafficked people are not "
    "diverted elsewhere during the crisis.",
}

MESSAGE_COUNTS = {
    "1.1": 3,
    "1.2": 4,
    "1.3": 4,
    "1.4": 4,
    "2.1": 3,
    "2.2": 4,
    "2.3": 3,
    "2.4": 1,
}


def seeded_texts():
    return [
        *Passage.objects.filter(page="advocacy"),
        *CoreAsk.objects.all(),
        *Principle.objects.all(),
        *Approach.objects.all(),
        *Message.objects.all(),
    ]


def test_the_advocacy_page_has_its_passages_in_guidance_order(seeded_guidance):
    passages = Passage.objects.filter(page="advocacy").order_by("position")
    assert list(passages.values_list("slug", "position", "title")) == [
        (slug, position, PASSAGE_TITLES.get(slug, "")) for position, slug in enumerate(PASSAGES, 1)
    ]


@pytest.mark.parametrize(("slug", "text"), PASSAGES.items())
def test_every_advocacy_passage_has_the_guidance_text(seeded_guidance, slug, text):
    assert Passage.objects.get(slug=slug).plain_text() == text


def test_the_guidance_gives_three_core_asks(seeded_guidance):
    assert list(CoreAsk.objects.values_list("number", flat=True)) == list(CORE_ASKS)


@pytest.mark.parametrize(("number", "text"), CORE_ASKS.items())
def test_every_core_ask_has_the_guidance_text(seeded_guidance, number, text):
    assert CoreAsk.objects.get(number=number).plain_text() == text


def test_the_guidance_gives_two_principles(seeded_guidance):
    assert list(Principle.objects.values_list("number", flat=True)) == list(PRINCIPLES)


@pytest.mark.parametrize(("number", "text"), PRINCIPLES.items())
def test_every_principle_has_the_guidance_text(seeded_guidance, number, text):
    assert Principle.objects.get(number=number).plain_text() == text


def test_every_approach_has_the_guidance_title_summary_and_audience(seeded_guidance):
    assert list(Approach.objects.values(*APPROACHES[0])) == APPROACHES


@pytest.mark.parametrize(("number", "text"), APPROACH_INTRODUCTIONS.items())
def test_every_approach_has_the_guidance_introduction(seeded_guidance, number, text):
    assert Approach.objects.get(number=number).plain_text() == text


def test_the_guidance_gives_eight_objectives_four_per_approach(seeded_guidance):
    assert list(Objective.objects.values_list("code", "approach__number", "position")) == [
        (code, int(code[0]), int(code[2])) for code in OBJECTIVES
    ]


@pytest.mark.parametrize(("code", "title"), OBJECTIVES.items())
def test_every_objective_has_the_guidance_title(seeded_guidance, code, title):
    assert Objective.objects.get(code=code).title == title


@pytest.mark.parametrize(("objective", "count"), MESSAGE_COUNTS.items())
def test_every_objective_has_the_guidance_number_of_messages(seeded_guidance, objective, count):
    assert Message.objects.filter(objective__code=objective).count() == count


def test_every_message_code_is_present_in_guidance_order(seeded_guidance):
    assert list(Message.objects.values_list("code", flat=True)) == list(MESSAGES)


@pytest.mark.parametrize(("code", "text"), MESSAGES.items())
def test_every_message_has_the_guidance_text_under_its_objective(seeded_guidance, code, text):
    objective, position = code.rsplit(".", 1)
    message = Message.objects.get(code=code)
    assert (message.objective.code, message.position) == (objective, int(position))
    assert message.plain_text() == text


def test_no_advocacy_text_cites_a_footnote(seeded_guidance):
    assert all(record.cited_source_numbers() == [] for record in seeded_texts())


def test_no_advocacy_record_has_bold_because_the_guidance_sets_none(seeded_guidance):
    assert all(record.emphasis == [] for record in seeded_texts())
