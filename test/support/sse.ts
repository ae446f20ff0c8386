import { request } from 'node:http';

export interface SseMessage {
  id?: string;
  event: string;
  data: any;
}

/**
 * A finite SSE answer read to its end (a finished execution's tail), raw, so the test sees
 * the wire format and can send Last-Event-ID itself.
 */
export function readSse(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType?: string; messages: SseMessage[] }> {
  return new Promise((resolve, reject) => {
    request(`${baseUrl}/api/v1${path}`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const messages = text
          .split('\n\n')
          .filter((block) => block.trim() !== '' && !block.startsWith(':'))
          .map((block) => {
            const message: SseMessage = { event: 'message', data: undefined };
            for (const line of block.split('\n')) {
              const [field, ...rest] = line.split(': ');
              const value = rest.join(': ');
              if (field === 'id') message.id = value;
              else if (field === 'event') message.event = value;
              else if (field === 'data') message.data = JSON.parse(value);
            }
            return message;
          });
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], messages });
      });
    })
      .on('error', reject)
      .end();
  });
}
