from django.apps import AppConfig


class AdminSiteConfig(AppConfig):
    name = "spcomms.adminsite"
    label = "adminsite"
    verbose_name = "Admin of the register"

    def ready(self):
        from django.contrib import admin

        from spcomms.workflow import auth

        admin.site.login_form = auth.ThrottledAdminAuthenticationForm  # explains a locked login on /admin/ too
