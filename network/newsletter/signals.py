"""A deleted subscriber takes their stored emails along, however the deletion happens."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from core import mail

from .models import Subscriber


@receiver(post_delete, sender=Subscriber, dispatch_uid="newsletter_forget_subscriber_emails")
def forget_subscriber_emails(sender, instance, **kwargs):
    mail.forget_address(instance.email)
