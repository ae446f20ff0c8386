import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './paths';

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl in a temp directory. */
export function selfSignedCertificate(): { cert: string; key: string } {
  const dir = tempDir();
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', ...subject], { stdio: 'ignore' });
  return { cert, key };
}
