"""The POST data of a National Society's profile page."""

FACTS = (
    "has_tip_skills_and_experience",
    "has_tip_programmes_or_services",
    "engages_with_trafficked_people",
)


def profile_data(version=1, facts=FACTS, roles=()):
    """The profile form as the browser posts it, with the profile `facts` ticked and `roles` as
    (title, responsibility)."""
    data = {
        "version": str(version),
        "contact_roles-TOTAL_FORMS": str(len(roles)),
        "contact_roles-INITIAL_FORMS": "0",
        "contact_roles-MIN_NUM_FORMS": "0",
        "contact_roles-MAX_NUM_FORMS": "20",
    }
    for fact in facts:
        data[fact] = "on"
    for i, (title, responsibility) in enumerate(roles):
        data[f"contact_roles-{i}-title"] = title
        data[f"contact_roles-{i}-responsibility"] = responsibility
        data[f"contact_roles-{i}-position"] = str(i)
    return data
