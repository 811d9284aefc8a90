def test_x(controller):
    controller.start()
    assert controller.window.windowTitle() == "Fieldbook"
    controller.shutdown()
