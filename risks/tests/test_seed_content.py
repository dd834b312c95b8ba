"""The seeded risk categories, factors and at-risk groups hold the guidance's own words."""

import pytest

from risks.models import AtRiskGroup, Category, RiskFactor
from tipguide.core.models import Passage


def words(text):
    """The guidance's words as one line, however they are wrapped here."""
    return " ".join(text.split())


def paragraphs(*texts):
    """Several paragraphs of the guidance, as a text field holds them."""
    return "\n\n".join(words(text) for text in texts)


# (slug, title, plain text, bold phrases) in the order the risks page shows them.
RISKS_PASSAGES = [
    (
        "main-challenges",
        "Covid-19 & Trafficking in Persons – main challenges",
        paragraphs(
            """
            The Covid-19 pandemic is affecting communities worldwide, including in areas already
            impacted by crisis prior to the outbreak. In addition to taking lives, the pandemic has
            severely impacted the global economy, resulting in loss of livelihoods, changing
            migration patterns and the disruption of family and social networks.
            """,
            """
            Covid-19 affects the entire population, but the primary and secondary impacts affect
            different people in different ways, based on pre-existing physiological differences,
            health conditions, socio-economic inequalities, age, gender and cultural norms.
            Identified here are three main ways the impact of Covid-19 is increasing risks of
            trafficking in persons:
            """,
        ),
        [],
    ),
    (
        "vulnerability-characteristics",
        "",
        words("""
            The following characteristics interlinked with the factors discussed in this guidance
            may make some people more vulnerable to the risks of trafficking and exploitation:
        """),
        [],
    ),
    (
        "interrelated-factors",
        "",
        words("""
            It is important to note that human trafficking is a complex phenomenon and these
            factors should be thought of as interrelated elements that also have an impact on each
            other – e.g. not all women are more vulnerable to risks of trafficking, but a woman in
            an humanitarian emergency setting with no access to livelihoods is in a more
            vulnerable situation to these risks, especially when common irregular migratory routes
            exist.
        """),
        ["should be thought of as interrelated elements"],
    ),
]

AT_RISK_GROUPS = [
    "People living in existing humanitarian emergency settings",
    "People with poor economic or employment opportunities",
    "Children with reduced or no access to education",
    "People with disabilities or learning difficulties",
    "People with mental health issues",
    "People with drug and alcohol addiction",
    "Unaccompanied and separated children",
    "Migrants, including refugees, asylum seekers and stateless people",
    "Migrant workers with irregular immigration status",
    "Homeless people or those in precarious living conditions",
    "People engaging in sex-work or transactional sex",
    "Domestic workers",
    "Sexual and gender minorities",
    "Ethnic or religious minorities",
    "Women and children",
]

# number: (title, introduction, note)
CATEGORIES = {
    1: (
        words("""
            Increased vulnerability to trafficking amongst individuals and communities who were
            already at risk and those who were previously not considered so
        """),
        "",
        "",
    ),
    2: (
        "Increased risks for trafficked people",
        words("""
            In many contexts, the situation created due to Covid-19 is increasing risks of harm for
            trafficked people in the following ways;
        """),
        "",
    ),
    3: (
        "Increased risks for people who are no longer in situations of trafficking",
        words("""
            In many contexts, the situation created due to Covid-19 is increasing risks of harm or
            re-trafficking, to people who have exited a situation of trafficking, in the following
            ways;
        """),
        words("""
            Please note that all the risk factors identified in section 1 are also applicable to
            those who have left exploitation and find themselves in precarious circumstances,
            increasing the risk of re-trafficking
        """),
    ),
}

# code: (title, plain text)
RISK_FACTORS = {
    "1.1": (
        "Increased economic hardship and unemployment",
        paragraphs(
            """
            Poverty and unemployment are key drivers for trafficking in persons. Covid-19 has led
            to a significant increase in global economic hardship. The International Labour
            Organisation (ILO) has estimated that there will be between 20.1 million and 35.0
            million more people in working poverty than before the Covid-19 pandemic with an
            estimated 1.6 billion informal sector workers affected. UNWIDER warns of an additional
            500 million people (8 per cent of the world's population) pushed into poverty, and the
            World Bank projects an additional 50-60 million people in extreme poverty. Rises in
            unemployment and reductions of household and individual incomes mean that those who
            were already at risk of trafficking prior to Covid-19, in particular low wage and
            informal sector workers, are more likely to find themselves in precarious situations.
            Families who rely on remittances are likely to be hugely affected and suffer additional
            strain.
            """,
            """
            Significant global shifts in demand for goods and services has also meant that during
            the pandemic, many people are experiencing unemployment and loss of livelihood for the
            first time in their lives. Without sufficient social and societal supports, they may be
            less equipped to navigate these challenges and more easily deceived about exploitative
            employment opportunities. Workers who lose their jobs and have no alternative access to
            livelihood support may, for the first time, be forced into bonded debt or to consider
            the sale of human commodities such as children or sexual services.
            """,
        ),
    ),
    "1.2": (
        "Limited availability or access to services including health and social security systems",
        words("""
            Access to health and social security systems helps prevent TiP. In countries where such
            systems are more fractured, less formalised or there are multiple barriers to access,
            (language barriers, digital literacy etc.) economic hardship is more likely to lead to
            an increase in TiP. Government measures in response to the pandemic (financial
            support, healthcare etc.) may not be accessible to certain groups including migrant
            workers, irregular migrants, refugees and asylum seekers, further exacerbating their
            vulnerability. Even in countries with formalised mechanisms, the pandemic has created
            significant delays or access difficulties, leaving behind those who most depend on the
            services provided.
        """),
    ),
    "1.3": (
        words("""
            Disruption of regular and irregular migration patterns resulting in heightened
            irregular methods of movement, or more dangerous irregular routes
        """),
        words("""
            As countries continue to impose travel restrictions, both for foreign nationals as well
            as their own citizens and permanent residents, regular global migration routes have
            been dramatically decreased. As a result, more people may resort to irregular methods
            of movement, including smuggling, which can increase risks of trafficking. The
            securitization of borders has also disrupted pre-existing irregular routes, which may
            lead to the creation of new ones with heightened risks. Traffickers are likely to use
            increasingly risky modes of transport and precarious trafficking routes to continue
            operations. As a result of travel restrictions, they may also take advantage of
            businesses and industries who are experiencing labour shortages due to changes in
            migrant worker availability. Traffickers are also likely to exploit large numbers of
            migrants currently stranded away from home due to border closures and who lack
            information and access to social networks, income, and other protective factors.
        """),
    ),
    "1.4": (
        "Rise in the number of people who need to migrate to gain employment",
        words("""
            In situations where Covid-19 has led to economic hardship, people may be more likely to
            consider domestic or international migration in order to re-gain employment. Loss of
            livelihoods, and a lack of access to food and essential services may also mean that
            domestic or international migration becomes an option for people who may have not
            considered this previously. This may continue to occur for some time after the
            pandemic has subsided, as the economic downturn continues to impact access to
            livelihoods and financial security. Migrants and internally displaced people are at
            increased risk of trafficking for many reasons including language barriers, insecure
            or irregular immigration status, disconnection from usual support networks and lack of
            access to services.
        """),
    ),
    "1.5": (
        words("""
            Changing family dynamics and greater pressure on the family unit resulting in negative
            coping mechanisms
        """),
        words("""
            Loss of employment, restricted access to essential services and restrictions on
            freedom of movement can place significant added stress on a family unit and result in
            the use of negative coping mechanisms. A loss or reduction in the household income may
            result in increased engagement of children in exploitative labour, the risk of
            trafficking for the purpose of forced marriage is exacerbated, as well as trafficking
            for the purpose of exploitation in criminal activities, such as transporting narcotics
            from one place to another or petty theft. Children might be asked by parents to go out
            and beg so they can put food on the table, or in search of food and income. Minors who
            have been separated from their families in times of crisis can face increased risks to
            trafficking and other forms of abuse and exploitation.
        """),
    ),
    "1.6": (
        words("""
            Loss of societal support through disruption to education, employment and other
            services and social networks.
        """),
        words("""
            The pandemic has disrupted the way society normally functions. Government imposed
            restrictions on movement have exacerbated the isolation of vulnerable groups, by
            decreasing opportunities to access support through employment, education and other
            services and institutions. These factors can all increase a person's vulnerability to
            trafficking. For example, educational establishments often provide more than
            education. Disruption to education services, as well as both formal and informal
            caregiving arrangements, may leave children unattended and increasingly vulnerable
            during daytime. Caregivers may be more willing to entrust them to traffickers under
            false promises of providing them with education, skills training or work. Schools are
            often safe spaces for children and young people at risk of early or forced marriage so
            their closure can put them at increased risk.
        """),
    ),
    "1.7": (
        "Increased engagement online leading to increased online sexual exploitation",
        words("""
            Movement restrictions and school closures may increase the time people spend online and
            the consequent risk of recruitment for the purpose of cyber trafficking, including
            online sexual abuse and exploitation of children and young people. An increased demand
            for online sexual abuse material and greater risks of online grooming has already been
            reported by various stakeholders. Restrictions on movement may also shift other forms
            of exploitation, such as sexual exploitation of women and girls, online or within
            private homes. As economic hardship increases and people are required to stay at home,
            negative coping mechanisms can include exploiting women and children online.
        """),
    ),
    "1.8": (
        "Post Covid-19 rapid demand for labour",
        words("""
            Organisation and agencies working to prevent TiP in supply chains have also warned of
            the increased risks to labour exploitation once restrictions are lifted and economic
            production resumes. Incentives for companies to rapidly scale up production can create
            demand pressure that drives unauthorized subcontracting, wage reduction and increases
            risk to exploitation.
        """),
    ),
    "1.9": (
        "Abandonment of vulnerable people due to fears of the virus",
        words("""
            Fear of the virus and associated stigma has been fuelled by misinformation and rumours.
            The impact of these, combined with Covid-19 prevention and control measures, has
            created risks related to the abandonment of vulnerable people, including women and
            children, placing them at increased risk of TiP. Social stigmatisation of individuals
            who have been in quarantine or treatment may also lead to this.
        """),
    ),
    "1.10": (
        "Disruption to prevention and response efforts",
        words("""
            Disruption to plans and strategies to prevent and respond to trafficking may weaken
            overall TiP responses and lead to increased risks. For example, the capacity of law
            enforcement agencies, relevant authorities and non-government organisations to
            undertake TiP prevention activities such as public awareness campaigns or large-scale
            training activities has already been disrupted, while a lack of resource may have an
            impact on the ability to analyse changes in trends.
        """),
    ),
    "2.1": (
        "Increased exposure to exploitation and harm",
        words("""
            Wide-spread lock downs and the closure of community infrastructure has increased the
            intensity of exploitation for trafficked people confined in an environment with their
            trafficker. International human rights agencies have warned of the risks that migrant
            domestic workers face due to this increased exposure to exploitation and harm during
            the Covid-19 pandemic. This is particularly relevant for workers whose immigration
            status is bound to their employer by a sponsorship system. Trafficked people may also
            be moved into more dangerous and invisible employment to ensure continued income for
            traffickers or may be forced to work longer hours due to labour shortages.
        """),
    ),
    "2.2": (
        "Barriers in accessing healthcare and other services",
        words("""
            Those confined to a situation of trafficking may not have access to medical assistance
            due to a lack of identity documents, irregular immigration status or lack of freedom of
            movement. The closure or restriction of in-person interactions in clinics, shelters and
            offices of service providers further limits the support services available to
            trafficked persons which may increase the likelihood of further harm. Many trafficked
            persons who become unwell also fear the consequences of seeking care, due to lack of
            firewalls between essential services and immigration agencies.
        """),
    ),
    "2.3": (
        "Lack of or reduced access to Covid-19 preventative measures",
        words("""
            Trafficked people may be placed at increased risk of contracting Covid-19 through a
            lack of access to vital information on how to prevent the spread of the virus, as well
            as a lack of access to personal protective equipment. Additionally, trafficked people
            may be unable to follow recommended preventative measures due to living and working
            conditions such as lack of access to hygienic and hygiene management facilities,
            protective equipment or being forced to continue working. It is common for trafficked
            people to be living in overly cramped conditions, such as brothels, labour camps, or
            properties/rooms with multiple people, therefore they may be unable to physically
            distance themselves from other people, increasing the risks of the virus spreading.
            Trafficked people who are forced to continue working are also at increased risk of
            being criminalised for breaching lockdown and social distancing regulations.
        """),
    ),
    "2.4": (
        "Pre-existing health needs leading to a heightened vulnerability to severe infection",
        words("""
            The severity of various forms of abuse and exploitation that trafficked people
            experience leads to compromised health conditions, which heightens the risk of severe
            infection.
        """),
    ),
    "2.5": (
        "Reduced capacity of responders to identify and safely refer individuals",
        words("""
            Diminished and overwhelmed government and non-government services due to Covid-19
            places trafficked people at risk of not being identified and safely referred to support
            services, as these actors play vital roles as frontline responders to TiP. A reduced
            capacity and resources of law enforcement or other relevant authorities to respond to
            reported cases of TiP, due to diversion of resource to Covid-19 responses, may lead to
            less trafficked people removed from harm and lower capacity to investigate cases. In
            addition, services such as labour inspections, which play important roles in
            preventing labour exploitation, may be considered as non-essential within lockdown
            situations and be negatively affected.
        """),
    ),
    "3.1": (
        "Increased strain on mental health",
        paragraphs(
            """
            Social isolation as a result of lockdowns may exacerbate the after-effects of traumas
            or trigger memories of confinement and exploitation for victims/survivors of
            trafficking, who can be at risk of self-harm and unable to access psychological
            support.
            """,
            """
            Combined with barriers to accessing mental health supports due to disruption to such
            services, this experience may increase the likelihood of further harm or uptake of
            harmful coping mechanisms; risk of re-trafficking; and or exposure to new forms of
            exploitation.
            """,
        ),
    ),
    "3.2": (
        "Disruptions to criminal justice proceedings",
        words("""
            Community lockdown and social distancing measures have also impacted judicial
            proceeding as criminal justice systems have faced challenges in resourcing and
            processing cases, particularly so in countries where systems are already
            under-resourced. This can lead to investigations on TiP becoming a lower priority and
            delays in seeking justice for trafficked people currently in the criminal justice
            process. In some contexts, the prosecution of traffickers is a primary form of
            deterrence, and therefore delays in proceedings and subsequent prosecutions, may also
            play a part in weakening deterrence efforts and enabling traffickers to act with
            impunity.
        """),
    ),
    "3.3": (
        words("""
            Inability to return to countries of origin or access services in the country of
            identification
        """),
        words("""
            Movement restrictions may impede victims/survivors' ability to return to their country
            of origin if that is their preferred choice, which can impact their ability to continue
            accessing support services. Having no option but to remain in a county where the
            trafficking occurred can also have negative mental health impacts on survivors. Where a
            survivor is not a national of the country where they have been identified and either
            wish to or have no option but to remain, disruption to immigration caused by the
            pandemic may lead to their inability to access support services, including healthcare,
            as it is common for support to non-resident survivors to be either time limited or
            contain other restrictions.
        """),
    ),
}

# Where each footnote reference stands in a factor's text.
FOOTNOTE_REFERENCES = [
    ("1.1", "Covid-19 pandemic[^2] with"),
    ("1.1", "informal sector workers affected[^3]."),
    ("1.1", "pushed into poverty[^4], and"),
    ("1.1", "in extreme poverty[^5]."),
    ("1.1", "bonded debt[^6] or"),
    ("1.5", "exploitative labour[^7], the risk"),
    ("1.5", "food and income.[^8] Minors"),
    ("1.7", "young people.[^9] An increased"),
    ("1.7", "various stakeholders.[^10] Restrictions"),
    ("1.8", "risk to exploitation.[^11]"),
    ("2.1", "Covid-19 pandemic.[^12] This"),
    ("2.1", "sponsorship system.[^13] Trafficked"),
    ("2.2", "further harm.[^14] Many"),
    ("2.4", "severe infection.[^15]"),
    ("2.5", "negatively affected.[^16]"),
]

# Factors whose words name an at-risk group, with the group's name in the guidance's list.
GROUPS_NAMED = [
    ("1.2", "Migrants, including refugees, asylum seekers and stateless people"),
    ("1.2", "Migrant workers with irregular immigration status"),
    ("1.3", "Migrants, including refugees, asylum seekers and stateless people"),
    ("1.5", "Unaccompanied and separated children"),
    ("1.6", "Children with reduced or no access to education"),
    ("1.7", "Children with reduced or no access to education"),
    ("1.7", "Women and children"),
    ("1.9", "Women and children"),
    ("2.1", "Domestic workers"),
    ("3.1", "People with mental health issues"),
    ("3.3", "People with mental health issues"),
]

FACTORS_NAMING_NO_GROUP = ["1.8", "1.10", "2.4", "2.5", "3.2"]


def test_the_risks_page_shows_its_passages_in_the_guidance_order(seeded_guidance):
    slugs = Passage.objects.filter(page="risks").values_list("slug", flat=True)
    assert list(slugs) == [slug for slug, *_ in RISKS_PASSAGES]


@pytest.mark.parametrize(("slug", "title", "text", "emphasis"), RISKS_PASSAGES)
def test_every_risks_passage_has_the_guidance_words(seeded_guidance, slug, title, text, emphasis):
    passage = Passage.objects.get(slug=slug)
    assert passage.title == title
    assert passage.plain_text() == text
    assert passage.emphasis == emphasis


def test_the_guidance_lists_15_at_risk_groups_in_its_order(seeded_guidance):
    assert [group.name for group in AtRiskGroup.objects.all()] == AT_RISK_GROUPS
    assert [group.position for group in AtRiskGroup.objects.all()] == list(range(1, 16))


def test_the_guidance_has_three_risk_categories(seeded_guidance):
    assert list(Category.objects.values_list("number", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize(("number", "expected"), CATEGORIES.items())
def test_every_category_has_the_guidance_heading_introduction_and_note(
    seeded_guidance, number, expected
):
    category = Category.objects.get(number=number)
    assert (category.title, category.intro, category.note) == expected


def test_the_guidance_has_18_risk_factors_with_their_codes(seeded_guidance):
    assert list(RiskFactor.objects.values_list("code", flat=True)) == list(RISK_FACTORS)


@pytest.mark.parametrize(("number", "count"), [(1, 10), (2, 5), (3, 3)])
def test_every_category_holds_its_numbered_factors_in_order(seeded_guidance, number, count):
    factors = RiskFactor.objects.in_category(number)
    assert [f.code for f in factors] == [f"{number}.{n}" for n in range(1, count + 1)]
    assert [f.position for f in factors] == list(range(1, count + 1))


@pytest.mark.parametrize(("code", "title"), [(c, t) for c, (t, _) in RISK_FACTORS.items()])
def test_every_risk_factor_has_the_guidance_title(seeded_guidance, code, title):
    assert RiskFactor.objects.get(code=code).title == title


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, (_, t) in RISK_FACTORS.items()])
def test_every_risk_factor_has_the_guidance_full_text(seeded_guidance, code, text):
    assert RiskFactor.objects.get(code=code).plain_text() == text


@pytest.mark.parametrize(("code", "reference"), FOOTNOTE_REFERENCES)
def test_every_footnote_reference_stands_where_the_guidance_puts_it(
    seeded_guidance, code, reference
):
    assert reference in RiskFactor.objects.get(code=code).text


def test_risk_factors_cite_only_the_footnotes_the_guidance_gives_them(seeded_guidance):
    cited = [n for factor in RiskFactor.objects.all() for n in factor.cited_source_numbers()]
    assert cited == list(range(2, 17))


def test_the_first_factor_quotes_unodc(seeded_guidance):
    factor = RiskFactor.objects.get(code="1.1")
    assert factor.quote == words("""
        Millions already living in subsistence conditions who have now lost their wages means many
        may now not be able to meet their basic needs, which creates a fertile recruitment ground
        for traffickers.
    """)
    assert factor.quote_attribution == "UNODC"


def test_no_other_factor_has_a_quote(seeded_guidance):
    others = RiskFactor.objects.exclude(code="1.1")
    assert set(others.values_list("quote", "quote_attribution")) == {("", "")}


def test_risk_factors_have_no_bold_phrases(seeded_guidance):
    assert all(factor.emphasis == [] for factor in RiskFactor.objects.all())


@pytest.mark.parametrize(("code", "group_name"), GROUPS_NAMED)
def test_a_factor_is_linked_to_the_at_risk_groups_it_names(seeded_guidance, code, group_name):
    group = AtRiskGroup.objects.get(name=group_name)
    assert RiskFactor.objects.naming_group(group.slug).filter(code=code).exists()


@pytest.mark.parametrize("code", FACTORS_NAMING_NO_GROUP)
def test_a_factor_naming_no_at_risk_group_is_linked_to_none(seeded_guidance, code):
    assert not RiskFactor.objects.get(code=code).groups.exists()
