from django.urls import path, re_path

from . import feeds, views_press, views_public, views_staff

app_name = "reports"

FMT = r"(?:\.(?P<fmt>json|csv))?"

urlpatterns = [
    re_path(r"^reports/(?:index\.(?P<fmt>json))?$", views_public.report_list, name="list"),
    re_path(r"^reports/(?P<number>[0-9]{1,4})/$", views_public.report_page, name="report"),
    re_path(r"^reports/(?P<number>[0-9]{1,4})\.(?P<fmt>json|pdf|docx)$", views_public.report_file, name="report-file"),
    re_path(r"^reports/(?P<number>[0-9]{1,4})/(?P<table>[a-z]+)\.csv$", views_public.report_csv, name="report-csv"),
    re_path(rf"^statistics/{FMT}$", views_public.statistics, name="statistics"),
    re_path(r"^statistics\.(?P<fmt>json|csv)$", views_public.statistics, name="statistics-format"),
    re_path(r"^statistics/charts/(?P<name>[a-z-]{1,30})\.svg$", views_public.chart, name="chart"),
    re_path(r"^news/(?:index\.(?P<fmt>json))?$", views_public.news_list, name="news"),
    path("news/feed.atom", feeds.NewsFeed(), name="news-feed"),
    re_path(r"^news/(?P<slug>[a-z0-9-]{1,80})(?:\.(?P<fmt>json))?$", views_public.release_page, name="release"),
    path("staff/reports/", views_staff.sessions_page, name="staff-reports"),
    path("staff/reports/<int:number>/draft.<str:fmt>", views_staff.draft, name="staff-draft"),
    path("staff/reports/<int:number>/publish/", views_staff.publish, name="staff-publish"),
    path("staff/reports/<int:number>/override/", views_staff.override, name="staff-override"),
    path("staff/statistics/", views_staff.staff_statistics, name="staff-statistics"),
    path("staff/press/", views_press.desk, name="press-desk"),
    path("staff/press/new/", views_press.new_release, name="press-new-chosen"),  # the case from the form
    path("staff/press/new/<int:case_id>/", views_press.new_release, name="press-new"),
    path("staff/press/dismiss/<int:case_id>/", views_press.dismiss, name="press-dismiss"),
    path("staff/press/<int:release_id>/", views_press.release_page, name="press-release"),
    path("staff/press/<int:release_id>/<str:step>/", views_press.step, name="press-step"),
]
