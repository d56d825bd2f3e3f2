"""Re-encrypt every identity, and the names documents had when they were
uploaded, with the first key of FIELD_ENCRYPTION_KEYS.

Run after putting a new key first in FIELD_ENCRYPTION_KEYS (keeping the old keys
after it). When it has finished, the old keys can be removed. The keyed hashes of
the personnummer are recomputed too, so a new IDENTITY_HMAC_KEY takes effect.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from applications.encryption import personal_number_digest
from applications.models import Document, IndividualIdentity

ENCRYPTED_FIELDS = ("full_name", "personal_number", "phone", "email", "address")


class Command(BaseCommand):
    help = (
        "Re-encrypt identity data and document names with the newest key and "
        "recompute the hashes."
    )

    def handle(self, *args, **options):
        count = 0
        documents = 0
        with transaction.atomic():
            identities = (
                IndividualIdentity.objects.select_for_update()
                .order_by("pk")
                .only("pk", *ENCRYPTED_FIELDS)
            )
            for identity in identities.iterator(chunk_size=200):
                # Reading decrypts with any key; update() encrypts with the first.
                values = {field: getattr(identity, field) for field in ENCRYPTED_FIELDS}
                number = values["personal_number"]
                values["personal_number_digest"] = (
                    personal_number_digest(number) if number else ""
                )
                IndividualIdentity.objects.filter(pk=identity.pk).update(**values)
                count += 1
            names = Document.objects.select_for_update().order_by("pk")
            for document in names.only("pk", "original_name").iterator(chunk_size=200):
                Document.objects.filter(pk=document.pk).update(
                    original_name=document.original_name
                )
                documents += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-encrypted {count} identities and {documents} document names "
                "with the newest key."
            )
        )
