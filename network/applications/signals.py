"""An application deleted (a person asked for their data to be removed) takes its signed agreement with it."""


def delete_signed_agreement(sender, instance, **kwargs):
    if instance.signed_agreement:
        instance.signed_agreement.delete(save=False)
