from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from spcomms.workflow.demo import DemoError, load_demo

STAGES = {
    "drafting": "drafting",
    "clearance": "in clearance",
    "sending": "being sent",
    "awaiting": "sent, awaiting reply",
    "replied": "replied",
    "published": "published",
}


class Command(BaseCommand):
    help = (
        "Load the demo of the whole procedure: the sample letters, a secretariat account and one holder account "
        "per mandate of the sample case, and cases in each state; prints the logins and where to start."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", default="http://127.0.0.1:8000", help="the address the demo is served at")
        parser.add_argument("--password", help="the password of every demo account (default: a new random one)")

    def handle(self, site, password, **options):
        call_command("loaddemo", stdout=self.stdout, stderr=self.stderr)
        try:
            password, people, made = load_demo(password)
        except DemoError as error:
            raise CommandError(str(error)) from None
        site = site.rstrip("/")
        out = self.stdout.write
        out("")
        out(f"Demo ready. Start at {site}/staff/ and log in with one of these accounts (password: {password}):")
        for person in people:
            out(f"  {person.username:<20} {person.can}")
        out("")
        out("Cases, one in each state of the procedure:")
        for item in made:
            out(f"  {STAGES[item.spec.stage]:<21} {item.case.title}: {site}/staff/cases/{item.case.pk}/")
            out(f"  {'':<21} {'; '.join(item.notes)}")
        out(f"  {'historic (published)':<21} the March 2021 sample letters: {site}/staff/cases/, public at {site}/")
        out("")
        out("Take a letter from draft to publication:")
        out("  1. as secretariat: open the drafting case, Generate letters, then “Clearance and dispatch” → Submit")
        out("  2. as each holder of its mandates (the clearance page names them): /staff/ → Awaiting your approval")
        out("  3. as secretariat: on each letter's page, Record the dispatch (the State's note verbale, the courier)")
        out("  4. as secretariat: Record a reply on the letter's page")
        out("  5. 60 days after the dispatch `spcomms worker` publishes the letters (run it daily); the published")
        out("     demo case shows what that looks like, on the desk and on the public site")
        out(f"Admin (registry, accounts): {site}/admin/ (secretariat or admin). Data directory: {settings.DATA_DIR}")
