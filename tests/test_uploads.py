"""Uploads through the admin: raster images only, documents of the allowed kinds and size, served as
downloads with a policy of their own; signed agreements PDF only, by their content."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from network.applications.models import ApplicationStatus
from tests.application_factories import ApplicationFactory

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="4"/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def raster(kind="PNG", size=(32, 24)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def errors_of(response):
    form = response.context["form"]
    return " ".join(str(error) for error in form.errors.get("file", []))


class TestImages:
    @pytest.mark.parametrize(("name", "kind"), [("photo.png", "PNG"), ("photo.jpg", "JPEG"), ("photo.webp", "WEBP")])
    def test_raster_images_are_accepted(self, editor, name, kind):
        response = editor.post(reverse("wagtailimages:add"), {"title": "Photo", "file": upload(name, raster(kind))})
        assert response.status_code == 302, errors_of(response)
        image = Image.objects.get()
        assert (image.width, image.height) == (32, 24)

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("logo.svg", SVG, "Not a supported image format"),
            ("logo.png", SVG, "Not a valid"),  # the content decides, not the name
            ("page.jpg", HTML, "Not a valid"),
            ("photo.gif", raster("PNG"), "does not match"),  # a PNG named .gif
        ],
    )
    def test_anything_else_is_refused(self, editor, name, content, message):
        response = editor.post(reverse("wagtailimages:add"), {"title": "Logo", "file": upload(name, content)})
        assert response.status_code == 200
        assert message in errors_of(response)
        assert not Image.objects.exists()

    def test_svg_is_refused_by_the_multiple_upload_too(self, editor):
        response = editor.post(reverse("wagtailimages:add_multiple"), {"files[]": upload("logo.svg", SVG)})
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert not Image.objects.exists()

    def test_an_image_over_the_size_limit_is_refused(self, editor, settings):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
        big = raster("PNG", size=(400, 400))
        big += b"\0" * max(0, 2001 - len(big))
        response = editor.post(reverse("wagtailimages:add"), {"title": "Big", "file": upload("big.png", big)})
        assert "This file is too big" in errors_of(response)
        assert not Image.objects.exists()


class TestDocuments:
    def test_a_pdf_is_uploaded_and_opens_in_the_browser_under_a_policy_of_its_own(self, editor, client):
        response = editor.post(reverse("wagtaildocs:add"), {"title": "Report", "file": upload("report.pdf", PDF)})
        assert response.status_code == 302
        document = Document.objects.get()
        client.logout()
        served = client.get(document.url)
        assert served.status_code == 200
        assert served["Content-Type"] == "application/pdf"
        assert served["Content-Disposition"].startswith("inline")
        assert served["Content-Security-Policy"] == "default-src 'none'"
        assert served["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize(("name", "content"), [("logo.svg", SVG), ("page.html", HTML), ("page.htm", HTML)])
    def test_svg_and_html_cannot_be_uploaded(self, editor, name, content):
        response = editor.post(reverse("wagtaildocs:add"), {"title": "Trap", "file": upload(name, content)})
        assert response.status_code == 200
        assert f"File extension “{name.rsplit('.', 1)[1]}” is not allowed" in errors_of(response)
        assert not Document.objects.exists()

    def test_a_document_over_the_size_limit_is_refused(self, editor, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
        response = editor.post(reverse("wagtaildocs:add"), {"title": "Big", "file": upload("big.csv", b"a,b\n" * 300)})
        assert response.status_code == 200
        assert "This file is too big" in errors_of(response)
        assert not Document.objects.exists()

    def test_markup_in_an_allowed_kind_of_file_is_only_ever_a_download(self, editor, client):
        response = editor.post(reverse("wagtaildocs:add"), {"title": "Notes", "file": upload("notes.txt", HTML)})
        assert response.status_code == 302
        served = client.get(Document.objects.get().url)
        assert served["Content-Type"].startswith("text/plain")
        assert served["Content-Disposition"].startswith("attachment;")
        assert served["X-Content-Type-Options"] == "nosniff"
        assert served["Content-Security-Policy"] == "default-src 'none'"


class TestSignedAgreements:
    """Through the review in the admin (the full path is in tests/test_applications_review.py)."""

    def post_agreement(self, editor, content, name="signed.pdf"):
        application = ApplicationFactory(status=ApplicationStatus.ELIGIBLE)
        url = reverse("supporter_applications:transition", args=[application.pk, "agreement_signed"])
        response = editor.post(url, {"signed_agreement": upload(name, content, "application/pdf")})
        application.refresh_from_db()
        return response, application

    def test_a_pdf_is_recorded(self, editor):
        response, application = self.post_agreement(editor, PDF)
        assert response.status_code == 302
        assert application.status == ApplicationStatus.AGREEMENT_SIGNED

    @pytest.mark.parametrize(
        ("content", "name"),
        [
            (SVG, "signed.pdf"),
            (HTML, "signed.pdf"),
            (raster("JPEG"), "signed.pdf"),
            (b"%PDF-1.4\n" + HTML, "signed.pdf"),  # a PDF header on a file that is not one
        ],
    )
    def test_anything_but_a_pdf_is_refused_whatever_its_name(self, editor, content, name):
        response, application = self.post_agreement(editor, content, name)
        assert response.status_code == 200
        assert "This file is not a PDF document." in response.content.decode()
        assert application.status == ApplicationStatus.ELIGIBLE
        assert not application.signed_agreement
