/**
 * The outgoing mail queue: a caller enqueues a message and is answered at once (a request never
 * waits for a mail server, and its timing says nothing about whether mail was sent); the queue
 * sends one message at a time, retries what failed for a passing reason (a connection refused, a
 * 4xx answer) after a growing pause, and gives up on what was refused for good (a 5xx answer:
 * bounced). Every job keeps its state, attempts and last error: a report of what was sent and
 * what bounced. Jobs live in this server's memory; finished ones are kept a while for the report.
 */
import { randomUUID } from 'node:crypto';
import { isPermanent, type Mailer, type MailMessage } from './mailer.js';
import { log } from '../log.js';

export type MailState = 'QUEUED' | 'SENDING' | 'SENT' | 'FAILED';

export interface MailJob {
  id: string;
  kind: string;
  to: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  /** FAILED for good (bounced, rejected) rather than after every retry. */
  permanent: boolean;
  queuedAt: number;
  finishedAt: number | null;
  messageId: string | null;
}

export interface MailQueueOptions {
  /** Tries of one message before it is given up (default 4). */
  attempts?: number;
  /** The pause before try n+1 (default 1 s, 5 s, 30 s, …). */
  backoffMs?: (attempt: number) => number;
  /** Finished jobs kept for the report (default 1,000). */
  keep?: number;
}

const DEFAULT_BACKOFF = [1_000, 5_000, 30_000, 120_000];

export class MailQueue {
  private readonly jobsById = new Map<string, MailJob>();
  private readonly messages = new Map<string, MailMessage>();
  private readonly waiting: string[] = [];
  private running: Promise<void> | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly mailer: Mailer | null,
    private readonly options: MailQueueOptions = {},
  ) {}

  /** Whether mail can be sent at all (SMTP is configured). */
  get enabled(): boolean {
    return this.mailer !== null;
  }

  /** Queues a message; sending starts at once in the background. */
  enqueue(message: MailMessage): MailJob {
    const job: MailJob = { id: `mail:${randomUUID()}`, kind: message.kind, to: message.to, state: 'QUEUED', attempts: 0, lastError: null, permanent: false, queuedAt: Date.now(), finishedAt: null, messageId: null };
    this.jobsById.set(job.id, job);
    if (!this.mailer || this.closed) {
      job.state = 'FAILED';
      job.permanent = true;
      job.lastError = this.closed ? 'the mail queue is closed' : 'no mail server is configured (SMTP_HOST)';
      job.finishedAt = Date.now();
      log('warn', 'mail not sent', { job: job.id, kind: job.kind, reason: job.lastError });
      this.trim();
      return job;
    }
    this.messages.set(job.id, message);
    this.waiting.push(job.id);
    this.pump();
    return job;
  }

  job(id: string): MailJob | null {
    return this.jobsById.get(id) ?? null;
  }

  /** Every job still known, oldest first: what was sent, what is waiting, what bounced. */
  report(): MailJob[] {
    return [...this.jobsById.values()];
  }

  /** Resolves when nothing is waiting, sending or due for a retry. */
  async idle(): Promise<void> {
    while (this.running || this.timers.size || this.waiting.length) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops retrying and closes the connection; messages still waiting fail. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const id of this.waiting.splice(0)) this.finish(id, 'FAILED', 'the mail queue was closed', true);
    this.mailer?.close();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    this.running = (async () => {
      while (this.waiting.length && !this.closed) await this.attempt(this.waiting.shift()!);
    })().finally(() => {
      this.running = null;
      if (this.waiting.length && !this.closed) this.pump();
    });
  }

  private async attempt(id: string): Promise<void> {
    const job = this.jobsById.get(id);
    const message = this.messages.get(id);
    if (!job || !message) return;
    job.state = 'SENDING';
    job.attempts++;
    try {
      const delivery = await this.mailer!.send(message);
      job.messageId = delivery.messageId;
      this.finish(id, 'SENT', null, false);
      log('info', 'mail sent', { job: id, kind: job.kind, attempts: job.attempts });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = isPermanent(error);
      if (permanent || job.attempts >= (this.options.attempts ?? 4) || this.closed) {
        this.finish(id, 'FAILED', reason, permanent);
        log('warn', 'mail failed', { job: id, kind: job.kind, attempts: job.attempts, permanent, reason });
        return;
      }
      job.state = 'QUEUED';
      job.lastError = reason;
      const pause = this.options.backoffMs?.(job.attempts) ?? DEFAULT_BACKOFF[Math.min(job.attempts - 1, DEFAULT_BACKOFF.length - 1)]!;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.waiting.push(id);
        this.pump();
      }, pause);
      timer.unref();
      this.timers.add(timer);
    }
  }

  private finish(id: string, state: 'SENT' | 'FAILED', error: string | null, permanent: boolean): void {
    const job = this.jobsById.get(id);
    if (!job) return;
    job.state = state;
    job.lastError = error;
    job.permanent = permanent;
    job.finishedAt = Date.now();
    this.messages.delete(id);
    this.trim();
  }

  private trim(): void {
    const keep = this.options.keep ?? 1_000;
    const finished = [...this.jobsById.values()].filter((j) => j.finishedAt !== null);
    for (const j of finished.slice(0, Math.max(0, finished.length - keep))) this.jobsById.delete(j.id);
  }
}
