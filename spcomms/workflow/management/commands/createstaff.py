import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spcomms.workflow.actions.accounts import ROLE_NAMES, CreateStaffAccount, find_holder


def _message(error: ValidationError) -> str:
    return "; ".join(error.messages)


class Command(BaseCommand):
    help = "Create a staff account with a role (or reset its password) and print the login."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            choices=sorted(ROLE_NAMES),
            default="secretariat",
            help="secretariat (default): runs the procedure; holder: approves for one mandate (needs --holder); "
            "reviewer: reads everything, changes nothing",
        )
        parser.add_argument("--holder", help='the mandate holder as named in the registry, e.g. "Fernand de Varennes"')
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="default: a new random password, printed once")
        parser.add_argument("--superuser", action="store_true", help="all permissions (administrators only)")

    def handle(self, username, role, holder, email, password, superuser, **options):
        if role == "holder" and holder is None:
            raise CommandError('--role holder needs --holder "Name of the mandate holder" (as in the registry)')
        if holder is not None and role != "holder":
            raise CommandError(f"--holder is only for --role holder (this account is a {role})")
        try:
            found = find_holder(holder) if holder is not None else None
        except ValidationError as error:
            raise CommandError(f"--holder: {_message(error)}") from None
        password = password or secrets.token_urlsafe(12)
        try:
            user, created = CreateStaffAccount("cli:createstaff").execute(
                username, password, role=ROLE_NAMES[role], email=email, holder=found, superuser=superuser
            )
        except ValidationError as error:
            raise CommandError(_message(error)) from None
        verb = "created" if created else "updated"
        approves = f"  approves for {found}" if found else ""
        roles = f"superuser, {role}" if superuser else role
        self.stdout.write(f"staff account {verb} ({roles}): username {username}  password {password}{approves}")
