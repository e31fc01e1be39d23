// The Lambda Invoke API call Step Functions makes, over node:http to the simulator's local
// endpoint. Each request is counted (lambdaSent) and numbered (X-Sim-Seq, the runner's output
// sequence, so the simulator orders simultaneous requests canonically); each response carries
// the simulator's now (X-Sim-Now) and is counted once read (lambdaAnswered).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

export function createLambdaClient({ endpoint, activity, clock, nextSeq }) {
  return function post(path, headers, body) {
    const payload = Buffer.from(body, 'utf8');
    const seq = nextSeq();
    activity.counts.lambdaSent += 1;
    return new Promise((resolve, reject) => {
      const request = http.request(`${endpoint}${path}`, {
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': payload.length, 'X-Sim-Seq': String(seq) },
      }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          clock.setNow(response.headers['x-sim-now']);
          activity.counts.lambdaAnswered += 1;
          activity.touch();
          resolve({ status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
  };
}
