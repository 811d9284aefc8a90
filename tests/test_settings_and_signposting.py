import json

from desktop_app.core.signposting import load_services
from desktop_app.settings import Settings


def test_settings_round_trip_and_fall_back_on_nonsense(tmp_path):
    path = tmp_path / "config" / "settings.json"
    assert Settings.load(path) == Settings()
    Settings(idle_lock_minutes=2, high_contrast=True).save(path)
    assert Settings.load(path).idle_lock_minutes == 2 and Settings.load(path).high_contrast
    path.write_text(json.dumps({"idle_lock_minutes": "soon", "font_point_size": 14}))
    loaded = Settings.load(path)
    assert loaded.idle_lock_minutes == 5 and loaded.font_point_size == 14
    path.write_text("{broken")
    assert Settings.load(path) == Settings()


def test_the_shipped_services_include_the_national_helpline_and_999():
    services = load_services()
    phones = {s.phone for s in services}
    assert {"999", "0808 2000 247", "116 123"} <= phones


def test_a_device_list_replaces_the_shipped_one(tmp_path):
    own = tmp_path / "support_services.json"
    own.write_text(json.dumps({"services": [{"name": "Local IDVA service", "phone": "01992 000000"}]}))
    assert [s.name for s in load_services(own)] == ["Local IDVA service"]
