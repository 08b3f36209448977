"""A throwaway certificate authority and signers, for the PDF signature tests.

Everything is made in memory with ``cryptography`` and written into a test's
temporary folder: a CA certificate (PEM, to trust with ``--trust``) and, per
signer, a PKCS#12 file holding the signer's key, certificate and the CA
certificate. Keys are ECDSA P-256: quick to make, and read by pyHanko and by
poppler alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = b"correct horse battery staple"
# Valid from well before any agreement date the tests sign with, until long after.
NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2060, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Authority:
    """A certificate authority: its key, its certificate, and where its certificate is written (PEM)."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    pem: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Kit"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: Authority | None) -> x509.Certificate:
    """A certificate for ``key``: a CA's own (``issuer`` None, self-signed) or a signer's, certified by ``issuer``."""
    ca = issuer is None
    signing_key = key if issuer is None else issuer.key
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(subject) if issuer is None else issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        ).add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def authority(folder: Path, common_name: str = "Test Kit Root CA") -> Authority:
    """A self-signed CA, its certificate written to ``folder/<slug>.pem``."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(common_name, key, None)
    pem = folder / f"{common_name.lower().replace(' ', '-')}.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Authority(key, cert, pem)


def signer(folder: Path, ca: Authority, common_name: str, passphrase: bytes | None = PASSPHRASE) -> Path:
    """A PKCS#12 file for ``common_name``, certified by ``ca``, at ``folder/<slug>.p12``."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate(common_name, key, ca)
    encryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    data = pkcs12.serialize_key_and_certificates(common_name.encode(), key, cert, [ca.cert], encryption)
    path = folder / f"{common_name.lower().replace(' ', '-')}.p12"
    path.write_bytes(data)
    return path
