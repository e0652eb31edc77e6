"""Guards that the ORM's bulk paths would otherwise bypass: evidence links of a frozen assessment."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext as _

from greenmine.assessments.choices import FROZEN_STATUSES
from greenmine.assessments.models import AssessmentItem, SelfAssessment


@receiver(m2m_changed, sender=AssessmentItem.evidence.through)
def refuse_frozen_evidence_change(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("pre_"):
        return
    assessment_ids = (
        [instance.assessment_id]
        if isinstance(instance, AssessmentItem)
        else list(
            AssessmentItem.objects.filter(pk__in=kwargs.get("pk_set") or []).values_list(
                "assessment_id", flat=True
            )
        )
    )
    if SelfAssessment.objects.filter(pk__in=assessment_ids, status__in=FROZEN_STATUSES).exists():
        raise ValidationError(_("A submitted self-assessment cannot change; start a revision."))
