"""The seeded overview, footnotes and resources hold the guidance's own words."""

import pytest

from tipguide.core.models import DefinitionElement, Passage, Resource, Source


def words(text):
    """The guidance's words as one line, however they are wrapped here."""
    return " ".join(text.split())


UNODC_COVID_BRIEF = (
    "https://www.unodc.org/documents/Advocacy-Section/HTMSS_Thematic_Brief_on_COVID-19.pdf"
)

SOURCES = {
    1: words("""
        United Nations Office on Drugs and Crime (2018), Global Report On Trafficking In Persons,
        https://www.unodc.org/documents/data-and-analysis/glotip/2018/GLOTIP_2018_BOOK_web_small.pdf
    """),
    2: words("""
        International Labour Organisation (2020). COVID-19 and the world of work: Impact and policy
        responses. [online] Geneva: International Labour Office, p.3
    """),
    3: "https://www.ilo.org/wcmsp5/groups/public/@dgreports/@dcomm/documents/briefingnote/wcms_743146.pdf",
    4: "https://www.wider.unu.edu/publication/estimates-impact-covid-19-global-poverty",
    5: words("""
        https://blogs.worldbank.org/opendata/impact-covid-19-coronavirus-global-poverty-why-sub-saharan-africa-might-be-region-hardest
        and
        https://www.worldbank.org/en/news/press-release/2020/05/19/world-bank-group-100-countries-get-support-in-response-to-covid-19-coronavirus
    """),
    6: UNODC_COVID_BRIEF,
    7: words("""
        The Alliance for Child Protection in Humanitarian Action, Technical Note: Protection of
        Children during the Coronavirus Pandemic
    """),
    8: UNODC_COVID_BRIEF,
    9: "https://nationalcrimeagency.gov.uk/news/onlinesafetyathome",
    10: UNODC_COVID_BRIEF,
    11: words("""
        CEO of the Global Fund to End Modern Slavery Dr. Jean Baderschneider, whilst launching a
        response and recovery fund, has said "While we address urgent humanitarian needs, we must
        also re-evaluate social protections and supply chains, working with our public and private
        sector partners to prevent a future surge of exploitation and modern slavery."
        https://www.gfems.org/covid-19
    """),
    12: words("""
        Amnesty International's Middle East and North Africa Regional Director, Heba Morayef, on
        the 14th of April 2020 said that "While staying at home will help prevent the spread of
        COVID-19, it increases the risk of exploitation and other forms of abuse suffered by
        live-in migrant domestic workers at the hands of their employers,"
        https://www.amnesty.org/en/latest/news/2020/04/lebanon-migrant-domestic-workers-must-be-protected-during-covid19-pandemic/
    """),
    13: words("""
        GBV AoR Helpdesk, Covid-19 Impact on female migrant domestic workers in the Middle East
    """),
    14: words("""
        Every Child Protected Against Trafficking, (2020). Trafficked young people face
        homelessness and harm under UK's coronavirus response. [online] Available at:
        https://www.ecpat.org.uk/news/trafficked-young-people-homelessness-and-harmcoronavirus
        [Accessed 22 Apr. 2020]
    """),
    15: "https://publications.iom.int/system/files/pdf/ct_handbook.pdf, Chapter 2",
    16: UNODC_COVID_BRIEF,
    17: words("""
        Please note that this is a British Red Cross e-module and therefore some of the content is
        specific to the United Kingdom and the work of the BRC. A more global e-module is currently
        being developed and the guidance will be updated as soon as it is available.
    """),
    18: "https://gbvguidelines.org/wp/wp-content/uploads/2020/03/guidance-on-gbv-case-management-in-the-face-of-covid-19-outbreak-final-draft.pdf",
    19: words("""
        COVID-19: Including migrants and displaced people in preparedness and response activities-
        Guidance for Asia Pacific National Societies
    """),
    20: "https://www.globalprotectioncluster.org/wp-content/uploads/GPC-Task-Team-on-Anti-Trafficking_COVID-guidance_final_SM.pdf",
    21: "Idem",
    22: "Adapted from Case Management, GBVIMS/GBVIMS+ and the COVID-19 pandemic",
}

SOURCE_URLS = {
    1: "https://www.unodc.org/documents/data-and-analysis/glotip/2018/GLOTIP_2018_BOOK_web_small.pdf",
    3: "https://www.ilo.org/wcmsp5/groups/public/@dgreports/@dcomm/documents/briefingnote/wcms_743146.pdf",
    4: "https://www.wider.unu.edu/publication/estimates-impact-covid-19-global-poverty",
    5: "https://blogs.worldbank.org/opendata/impact-covid-19-coronavirus-global-poverty-why-sub-saharan-africa-might-be-region-hardest",
    6: UNODC_COVID_BRIEF,
    8: UNODC_COVID_BRIEF,
    9: "https://nationalcrimeagency.gov.uk/news/onlinesafetyathome",
    10: UNODC_COVID_BRIEF,
    11: "https://www.gfems.org/covid-19",
    12: "https://www.amnesty.org/en/latest/news/2020/04/lebanon-migrant-domestic-workers-must-be-protected-during-covid19-pandemic/",
    14: "https://www.ecpat.org.uk/news/trafficked-young-people-homelessness-and-harmcoronavirus",
    15: "https://publications.iom.int/system/files/pdf/ct_handbook.pdf",
    16: UNODC_COVID_BRIEF,
    18: "https://gbvguidelines.org/wp/wp-content/uploads/2020/03/guidance-on-gbv-case-management-in-the-face-of-covid-19-outbreak-final-draft.pdf",
    20: "https://www.globalprotectioncluster.org/wp-content/uploads/GPC-Task-Team-on-Anti-Trafficking_COVID-guidance_final_SM.pdf",
}

# (slug, title, plain text, bold phrases) in the order the overview page shows them.
OVERVIEW_PASSAGES = [
    (
        "introduction",
        "",
        words("""
            Trafficking in Persons (TiP) is a core protection issue violating the dignity and
            integrity of the person, endangering their life and physical security. It is a serious
            crime and a grave violation of human rights. In normal times, TiP is widespread, and in
            emergencies the risk and prevalence is known to rise. This document explains why there
            is an elevated risk of TiP during the Covid-19 pandemic, who is likely to be most
            affected, and what operational approaches can be adopted to prevent, mitigate or
            respond to TiP by Movement actors. It also includes advocacy messages for consideration
            in engagement with government, donors and the wider humanitarian sector. Underpinned by
            our Fundamental Principles, these messages call for a more comprehensive and
            coordinated prevention and response to TiP.
        """),
        ["why", "who", "what operational approaches", "advocacy messages"],
    ),
    (
        "complements",
        "",
        words("""
            This guidance complements the Covid-19 Impact on Trafficking in Persons Factsheet,
            developed for a general Red Cross Red Crescent audience, by providing more technical
            and detailed advice. It should be read in conjunction with the Global Protection
            Cluster Anti-Trafficking Task Team 'COVID-19 Pandemic: Trafficking in Persons (TiP)
            considerations in internal displacement contexts'. Existing Movement guidance on
            responding to the needs of trafficked people and migrant workers are referenced at the
            end of this document.
        """),
        [],
    ),
    (
        "definition",
        "Overview - Trafficking in Persons",
        words("""
            The Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women
            and Children (commonly referred to as the Palermo- or Trafficking Protocol) provides
            the international legal definition of trafficking in persons, which includes;
        """),
        [],
    ),
    (
        "children",
        "",
        words("""
            When trafficking involves a child, it is irrelevant whether the means, such as force or
            deception, have been used or not. A child will be recognised as trafficked if they have
            been moved within a country, or across borders, whether by force or not, for the
            purpose of exploiting the child.
        """),
        [],
    ),
    (
        "transnational-domestic",
        "",
        words("""
            People can be trafficked either transnationally (crossing at least one international
            border) or domestically (within the borders of one country). TiP occurs in every
            context, in every corner of the world, at various frequencies. The exact extent of TiP
            is hard to determine due to the underground nature of many exploitative practices that
            account to TiP and because it is under-reported. It affects men, women, boys and girls
            of all ages, although it also has a strong gendered dimension as women and girls
            account for the largest numbers of detected survivors/victims.
        """),
        [],
    ),
    (
        "crisis-contexts",
        "",
        words("""
            Although TiP can occur at any time, crisis contexts can exacerbate pre-existing
            trafficking trends and risk factors, as well as give rise to new ones. Traffickers
            capitalize on the widespread human, material, social and economic losses caused by
            emergencies. These losses intensify pre-existing vulnerabilities and can force people
            to make decisions and take risks that they wouldn't otherwise.
        """),
        [],
    ),
    ("do-no-harm", "", "Do no harm does not mean do nothing", []),
]

RESOURCES_PASSAGES = [
    (
        "resources-ifrc-lead",
        "Additional Resources & Guidance",
        "For related guidance developed by IFRC, please see:",
    ),
    (
        "resources-tip-covid-lead",
        "",
        "For related guidance on Covid-19 and the increased risks of TiP, please see:",
    ),
    (
        "contact",
        "",
        words("""
            For additional information or support please contact the Protection, Gender and
            Inclusion team at pgi.support@ifrc.org, or visit the IFRC Global Disaster Preparedness
            Center (GDPC), the IFRC GO platform, the IFRC extranet FedNet, or the IFRC Sokoni
            platform.
        """),
    ),
]

# (key, full text, bold phrase) of the Palermo Protocol's three elements.
DEFINITION_ELEMENTS = [
    (
        "act",
        words("""
            the 'act' (what is done), for example the recruitment, transportation, transfer,
            harbouring or receipt of persons;
        """),
        "the 'act'",
    ),
    (
        "means",
        words("""
            the 'means' (how it is done), for example through threat or use of force, coercion,
            abduction, fraud, deception, abuse of power or vulnerability;
        """),
        "the 'means'",
    ),
    (
        "purpose",
        words("""
            and the 'purpose' of exploitation (why it is done), for example sexual exploitation,
            forced labour, domestic servitude, slavery or similar practices and the removal of
            organs.
        """),
        "and the 'purpose'",
    ),
]

MIGRANTS_AND_DISPLACED = (
    "COVID-19: Including migrants and displaced people in preparedness and response activities"
)

RESOURCE_TITLES = {
    "ifrc": [
        "Covid-19 Increased Risks to Trafficking in Person Factsheet",
        words("""
            Action To Assist And Protect Trafficked Persons - Guidance For European Red Cross
            National Societies On Assistance And Protection To Victims Of Human Trafficking
        """),
        words("""
            Addressing The Humanitarian Consequences Of Labour Migration And Trafficking - The Role
            Of Asia Pacific National Societies
        """),
        words("""
            Covid-19: key messages on protection, gender and inclusion - guidance on how to ensure
            protection, gender and inclusion is considered in the response to the Covid-19 outbreak.
        """),
        "Protection, gender and inclusion in the response to COVID-19 – technical guidance note",
        f"{MIGRANTS_AND_DISPLACED}: Guidance for Asia Pacific National Societies",
        f"{MIGRANTS_AND_DISPLACED}: Guidance for MENA National Societies",
        f"{MIGRANTS_AND_DISPLACED} - Guidance for Americas National Societies",
        words("""
            COVID-19: Lignes Directrices À L'intention Des Sociétés Nationales : Impliquer Les
            Migrants Et Les Personnes Déplacées COVID-19 De La Région Du Sahel
        """),
        "IFRC Technical Guidance on SGBV and COVID-19",
    ],
    "tip-covid": [
        words("""
            Global Protection Cluster Anti-Trafficking Task Team 'COVID-19 Pandemic: Trafficking in
            Persons (TiP) considerations in internal displacement contexts'.
        """),
        words("""
            Global Initiative Against Transnational Organized Crime (2020) Smuggling in the time of
            Covid-19: The impact of the pandemic on human-smuggling dynamics and migrant-protection
            risk
        """),
        "UNODC: Impact of the Covid-19 Pandemic on trafficking in persons",
    ],
    "support": [
        "Global Disaster Preparedness Center (GDPC)",
        "GO platform",
        "FedNet",
        "Sokoni",
    ],
}


def test_the_guidance_has_22_footnotes_numbered_1_to_22(seeded_guidance):
    assert list(Source.objects.values_list("number", flat=True)) == list(range(1, 23))


@pytest.mark.parametrize(("number", "text"), SOURCES.items())
def test_every_footnote_has_the_guidance_text(seeded_guidance, number, text):
    assert Source.objects.get(number=number).text == text


@pytest.mark.parametrize("number", SOURCES)
def test_a_footnote_has_an_address_exactly_when_it_gives_one(seeded_guidance, number):
    assert Source.objects.get(number=number).url == SOURCE_URLS.get(number, "")


def test_the_overview_page_shows_its_passages_in_the_guidance_order(seeded_guidance):
    slugs = Passage.objects.filter(page="overview").values_list("slug", flat=True)
    assert list(slugs) == [slug for slug, *_ in OVERVIEW_PASSAGES]


@pytest.mark.parametrize(("slug", "title", "text", "emphasis"), OVERVIEW_PASSAGES)
def test_every_overview_passage_has_the_guidance_words(
    seeded_guidance, slug, title, text, emphasis
):
    passage = Passage.objects.get(slug=slug)
    assert passage.title == title
    assert passage.plain_text() == text
    assert passage.emphasis == emphasis


def test_the_overview_cites_the_unodc_global_report_for_detected_survivors(seeded_guidance):
    passage = Passage.objects.get(slug="transnational-domestic")
    assert passage.text.endswith("detected survivors/victims[^1].")


def test_the_resources_page_shows_its_passages_in_the_guidance_order(seeded_guidance):
    slugs = Passage.objects.filter(page="resources").values_list("slug", flat=True)
    assert list(slugs) == [slug for slug, *_ in RESOURCES_PASSAGES]


@pytest.mark.parametrize(("slug", "title", "text"), RESOURCES_PASSAGES)
def test_every_resources_passage_has_the_guidance_words(seeded_guidance, slug, title, text):
    passage = Passage.objects.get(slug=slug)
    assert (passage.title, passage.plain_text(), passage.emphasis) == (title, text, [])


def test_the_definition_has_the_act_the_means_and_the_purpose_in_order(seeded_guidance):
    keys = DefinitionElement.objects.values_list("key", flat=True)
    assert list(keys) == ["act", "means", "purpose"]


@pytest.mark.parametrize(("key", "text", "bold"), DEFINITION_ELEMENTS)
def test_every_definition_element_has_the_guidance_bullet(seeded_guidance, key, text, bold):
    element = DefinitionElement.objects.get(key=key)
    assert element.plain_text() == text
    assert element.emphasis == [bold]


@pytest.mark.parametrize(("collection", "titles"), RESOURCE_TITLES.items())
def test_every_resource_list_has_the_guidance_titles_in_order(seeded_guidance, collection, titles):
    resources = Resource.objects.filter(collection=collection).order_by("position")
    assert [r.title for r in resources] == titles
    assert [r.position for r in resources] == list(range(1, len(titles) + 1))


def test_the_guidance_gives_no_address_or_description_for_its_listed_resources(seeded_guidance):
    resources = Resource.objects.filter(collection__in=RESOURCE_TITLES)
    assert resources.count() == sum(len(titles) for titles in RESOURCE_TITLES.values())
    assert not resources.exclude(url="").exists()
    assert not resources.exclude(description="").exists()
