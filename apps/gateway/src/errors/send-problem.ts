import type { ServerResponse } from 'node:http';
import { problemContentType, type Problem } from './problem.js';

export function sendProblem(res: ServerResponse, problem: Problem): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = problem.status;
  res.setHeader('content-type', problemContentType);
  if (problem.status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.end(JSON.stringify(problem));
}
