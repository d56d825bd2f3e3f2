"""The name an uploaded file had is stored encrypted, like identity data.

The plaintext column is emptied, then dropped; the encrypted column takes its
name, so the code reads ``document.original_name`` as before. Old row versions
stay in PostgreSQL's data files until they are vacuumed: run
``VACUUM FULL applications_document`` after this migration (docs/security.md).
"""

from django.db import migrations, models

import applications.encryption


def encrypt_names(apps, schema_editor):
    documents = apps.get_model("applications", "Document").objects.using(
        schema_editor.connection.alias
    )
    for document in documents.only("pk", "original_name").iterator(chunk_size=200):
        # The field encrypts when it writes; the plaintext column is emptied.
        document.name_encrypted = document.original_name
        document.original_name = ""
        document.save(update_fields=["name_encrypted", "original_name"])


def decrypt_names(apps, schema_editor):
    documents = apps.get_model("applications", "Document").objects.using(
        schema_editor.connection.alias
    )
    for document in documents.only("pk", "name_encrypted").iterator(chunk_size=200):
        document.original_name = document.name_encrypted
        document.save(update_fields=["original_name"])


class Migration(migrations.Migration):
    dependencies = [("applications", "0010_application_reference_key")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="name_encrypted",
            field=applications.encryption.EncryptedTextField(
                default="", verbose_name="file name"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt_names, decrypt_names, elidable=False),
        # blank=True changes nothing in the table; it lets the reverse migration
        # add the column back to a table that has rows (with "" until refilled).
        migrations.AlterField(
            model_name="document",
            name="original_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="file name"),
        ),
        migrations.RemoveField(model_name="document", name="original_name"),
        migrations.RenameField(
            model_name="document", old_name="name_encrypted", new_name="original_name"
        ),
    ]
