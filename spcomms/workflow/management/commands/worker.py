import signal
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from spcomms.cases import visibility
from spcomms.lib import clock
from spcomms.lib.env import require_production_settings
from spcomms.lib.times import printed
from spcomms.workflow import worker
from spcomms.workflow.actions.publication import due_for_publication
from spcomms.workflow.models import Outbox


class Command(BaseCommand):
    help = "Send queued e-mails, watch reply deadlines and publish letters whose date has come (once, or --loop)."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="one pass, then exit (the default)")
        mode.add_argument("--loop", action="store_true", help="keep running, one pass every --interval seconds")
        mode.add_argument(
            "--dry-run", action="store_true", help="list what would be sent and published; change nothing"
        )
        parser.add_argument("--interval", type=int, default=None, help="seconds between passes with --loop")

    def handle(self, once, loop, dry_run, interval, **options):
        try:
            require_production_settings()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        if dry_run:
            return self.dry_run()
        worker_id = worker.new_worker_id()
        if not loop:
            self.report(worker.run_once(worker_id))
            return
        interval = interval or settings.WORKER_INTERVAL_SECONDS
        stopping = []

        def stop(signum, frame):  # finish the pass in hand (an e-mail half-handed is what must not happen)
            if not stopping:
                self.stdout.write(f"worker {worker_id}: {signal.Signals(signum).name}, stopping after this pass")
            stopping.append(True)

        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, stop)
        self.stdout.write(f"worker {worker_id}: a pass every {interval}s (Ctrl-C or SIGTERM to stop)")
        while not stopping:
            close_old_connections()
            try:
                self.report(worker.run_once(worker_id), quiet=True)
            except Exception as exc:  # a database hiccup must not end the loop; the next pass retries
                self.stderr.write(f"pass failed: {type(exc).__name__}: {exc}")
            for _ in range(interval):
                if stopping:
                    break
                time.sleep(1)
        self.stdout.write(f"worker {worker_id}: stopped")

    def report(self, results, quiet=False):
        if results or not quiet:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(results.items()) if v) or "nothing to do"
            self.stdout.write(f"{printed(clock.now())} {summary}")

    def dry_run(self):
        due = list(due_for_publication(clock.today()).select_related("addressee"))
        self.stdout.write(f"would publish {len(due)} communication(s):")
        for comm in due:
            replies = visibility.public_reply_count(comm)
            self.stdout.write(f"  {comm.reference}  {comm.addressee}  due {comm.publish_on}  replies {replies}")
        pending = worker.deliverable(clock.now()).count()
        self.stdout.write(
            f"would try {pending} e-mail(s); {Outbox.objects.filter(status=Outbox.FAILED).count()} failed"
        )
