from django.contrib.auth import views as auth_views

from spcomms.workflow.auth import ThrottledAuthenticationForm


class StaffLoginView(auth_views.LoginView):
    template_name = "workflow/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True
    next_page = "/staff/"


class StaffLogoutView(auth_views.LogoutView):
    next_page = "/staff/login/"
