import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from spcomms.audit.log import record


class Command(BaseCommand):
    help = "Create a secretariat staff account (or reset its password) and print the login."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="default: a new random password, printed once")
        parser.add_argument("--superuser", action="store_true", help="all permissions (administrators only)")

    def handle(self, username, email, password, superuser, **options):
        if not username.strip():
            raise CommandError("username must not be empty")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(f"--email {email!r} is not an e-mail address") from None
        password = password or secrets.token_urlsafe(12)
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=username, defaults={"email": email})
            user.is_staff = True
            user.is_superuser = user.is_superuser or superuser
            user.set_password(password)
            user.save()
            group, _ = Group.objects.get_or_create(name="secretariat")
            user.groups.add(group)
            record("cli:createstaff", "user.created" if created else "user.password_reset", user)
        verb = "created" if created else "updated"
        self.stdout.write(f"staff account {verb}: username {username}  password {password}")
