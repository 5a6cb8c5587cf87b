"""The vocabularies of supporters, shared by the profile pages and the expression-of-interest form."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupporterKind(models.TextChoices):
    NATIONAL_ASSOCIATION = "national_association", _("National association of local authorities")
    REGIONAL_NETWORK = "regional_network", _("Regional network of local authorities")
    REGION_OR_PROVINCE = "region_or_province", _("Region or province")
    NATIONAL_AUTHORITY = "national_authority", _("National public authority")
    ENERGY_AGENCY = "energy_agency", _("Energy agency")
    OTHER = "other", _("Other organisation")


class SupporterRole(models.TextChoices):
    """Coordinators are public authorities guiding signatories on their territory; supporters are networks."""

    COORDINATOR = "coordinator", _("Coordinator")
    SUPPORTER = "supporter", _("Supporter")

    @classmethod
    def for_kind(cls, kind):
        coordinating = {SupporterKind.REGION_OR_PROVINCE, SupporterKind.NATIONAL_AUTHORITY}
        return cls.COORDINATOR if kind in coordinating else cls.SUPPORTER


class SupporterStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ServiceCategory(models.TextChoices):
    TECHNICAL_SUPPORT = "technical_support", _("Technical support")
    TRAINING = "training", _("Training and capacity building")
    FUNDING_ADVICE = "funding_advice", _("Funding advice")
    MONITORING = "monitoring", _("Monitoring and data")
    ADVOCACY = "advocacy", _("Advocacy")
    COMMUNICATION = "communication", _("Communication and awareness raising")
    EXPERIENCE_SHARING = "experience_sharing", _("Experience sharing and partner search")
    OTHER = "other", _("Other services")
