"""Throw-away certificate authorities for loopback TLS (tests, benchmarks, demos).

`make_ca()` makes a CA; `ca.issue_server()` a server certificate for
127.0.0.1/localhost signed by it; `write_tls_files()` puts both on disk the way
uvicorn and `CentralClient(ca_bundle=...)` want them.  Making a second,
unrelated CA proves a client refuses a certificate it has no reason to trust.
EC P-256 keys: quick to make, and every TLS stack accepts them.  Nothing here is
fit for production.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_HOSTS = ("127.0.0.1", "localhost")


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(frozen=True)
class ThrowawayCA:
    """A certificate authority that lives as long as a test run."""

    name: str
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def issue_server(self, hosts: tuple[str, ...] = DEFAULT_HOSTS, days: int = 7) -> tuple[bytes, bytes]:
        """(certificate PEM, private key PEM) for a server answering as `hosts`."""
        key = ec.generate_private_key(ec.SECP256R1())
        names: list[x509.GeneralName] = []
        for host in hosts:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                names.append(x509.DNSName(host))
        now = _dt.datetime.now(_dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(minutes=5))
            .not_valid_after(now + _dt.timedelta(days=days))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, content_commitment=False,
                                         data_encipherment=False, key_agreement=True, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM), _pem_key(key)


def make_ca(name: str = "Waystation Test CA", days: int = 7) -> ThrowawayCA:
    """A fresh self-signed CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = _dt.datetime.now(_dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, content_commitment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return ThrowawayCA(name, key, cert)


@dataclass(frozen=True)
class TLSFiles:
    ca_file: Path  # give to the client as ca_bundle
    cert_file: Path  # server certificate
    key_file: Path  # server private key


def write_tls_files(directory: Path, ca: ThrowawayCA | None = None,
                    hosts: tuple[str, ...] = DEFAULT_HOSTS) -> TLSFiles:
    """Write a CA certificate and a server certificate + key it signed into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    ca = ca or make_ca()
    cert_pem, key_pem = ca.issue_server(hosts)
    files = TLSFiles(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    files.ca_file.touch(mode=0o600)  # the kiosk refuses a CA bundle others can read or write
    files.ca_file.write_bytes(ca.cert_pem)
    files.cert_file.write_bytes(cert_pem)
    files.key_file.touch(mode=0o600)
    files.key_file.write_bytes(key_pem)
    return files
