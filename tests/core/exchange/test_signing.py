from desktop_app.core.exchange import signing


def test_a_signature_verifies_only_for_its_data_and_key():
    key = signing.new_signing_key()
    public = signing.public_key(key)
    signature = signing.sign(key, b"manifest")
    assert signing.verify(public, signature, b"manifest")
    assert not signing.verify(public, signature, b"manifesT")
    other = signing.public_key(signing.new_signing_key())
    assert not signing.verify(other, signature, b"manifest")
    assert not signing.verify(public, "not base64!", b"manifest")


def test_fingerprints_are_short_and_stable():
    public = signing.public_key(signing.new_signing_key())
    print_ = signing.fingerprint(public)
    assert print_ == signing.fingerprint(public)
    assert len(print_.split()) == 5 and all(len(part) == 4 for part in print_.split())
