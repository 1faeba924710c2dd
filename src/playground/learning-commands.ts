// The learning words of the terminal playground: `lesson`, `quiz`, `lab` and `progress`, typed
// at the prompt like commands and answered as text, in the student's language, through the
// same use cases Discord calls. Every other line goes to the student's host (with their
// Docker mistakes fed to their reviews).
import type { LineReply, StudentRef } from '../app/baleia';
import type {
  Learning,
  LabCheckView,
  LabStatusView,
  LessonPageView,
  NotFound,
  QuizAnswer,
  QuizCardView,
  QuizNext,
} from '../app/learning';
import type { Locale } from '../content/common';
import { progressSummary } from '../learning/progress';

export const LEARNING_WORDS = ['lesson', 'quiz', 'lab', 'progress'] as const;

const T = {
  lessonsTitle: { en: 'Lessons', 'pt-BR': 'Lições' },
  lessonsHelp: {
    en: 'Open one with `lesson 1` (or its name); `lesson next` goes on page by page.',
    'pt-BR': 'Abra uma com `lesson 1` (ou pelo nome); `lesson next` segue página por página.',
  },
  current: { en: 'you are here', 'pt-BR': 'você está aqui' },
  lessonHeader: { en: 'Lesson {order}/{total} · {title} · page {page}/{pages}', 'pt-BR': 'Lição {order}/{total} · {title} · página {page}/{pages}' },
  tryItTitle: { en: 'Try it (run with `lesson try N`):', 'pt-BR': 'Experimente (rode com `lesson try N`):' },
  nextPage: { en: '`lesson next` → page {page}.', 'pt-BR': '`lesson next` → página {page}.' },
  nextLesson: { en: '`lesson next` → lesson {order}: {title}.', 'pt-BR': '`lesson next` → lição {order}: {title}.' },
  lessonDone: { en: 'Lesson complete! +{xp} XP', 'pt-BR': 'Lição concluída! +{xp} XP' },
  endQuestion: { en: 'A question about this lesson:', 'pt-BR': 'Uma pergunta sobre esta lição:' },
  endOfCourse: { en: 'That was the last page of the last lesson. Keep practising with `quiz` and `lab`.', 'pt-BR': 'Essa foi a última página da última lição. Continue praticando com `quiz` e `lab`.' },
  noLessonOpen: { en: 'Open a lesson first, e.g. `lesson 1`.', 'pt-BR': 'Abra uma lição primeiro, por exemplo `lesson 1`.' },
  quizHeader: { en: 'Quiz · {topic}{fresh} · {due} due today', 'pt-BR': 'Quiz · {topic}{fresh} · {due} para revisar hoje' },
  fresh: { en: ' · new', 'pt-BR': ' · nova' },
  alreadyRun: { en: 'Already run on the host:', 'pt-BR': 'Já executado no host:' },
  whatPrints: { en: 'What does this print?', 'pt-BR': 'O que isto imprime?' },
  answerOptions: { en: 'Answer with {keys}.', 'pt-BR': 'Responda com {keys}.' },
  answerCommand: { en: 'Type your answer as `quiz <command line>` (it runs on a scratch host, not yours).', 'pt-BR': 'Digite a resposta como `quiz <linha de comando>` (ela roda num host de rascunho, não no seu).' },
  quizDone: { en: 'Nothing due right now. {next}', 'pt-BR': 'Nada para revisar agora. {next}' },
  nextReviewOn: { en: 'Next review: {day}.', 'pt-BR': 'Próxima revisão: {day}.' },
  newTomorrow: { en: 'New questions come back tomorrow.', 'pt-BR': 'Perguntas novas voltam amanhã.' },
  noCard: { en: 'No card is waiting for an answer: type `quiz` to get one.', 'pt-BR': 'Nenhum cartão espera resposta: digite `quiz` para pegar um.' },
  right: { en: '✓ Right!', 'pt-BR': '✓ Certo!' },
  wrong: { en: '✗ Not quite.', 'pt-BR': '✗ Não foi dessa vez.' },
  theAnswer: { en: 'The answer: {key}) {text}', 'pt-BR': 'A resposta: {key}) {text}' },
  aLineThatWorks: { en: 'A line that works: {line}', 'pt-BR': 'Uma linha que funciona: {line}' },
  yourLinePrinted: { en: 'Your line printed:', 'pt-BR': 'Sua linha imprimiu:' },
  nextReview: { en: 'Next review of this card: {day} (in {n} day(s)).', 'pt-BR': 'Próxima revisão deste cartão: {day} (em {n} dia(s)).' },
  moreDue: { en: '{n} more due today: `quiz`.', 'pt-BR': 'Mais {n} para hoje: `quiz`.' },
  repeated: { en: '(already answered; counted once)', 'pt-BR': '(já respondido; contou uma vez só)' },
  notAnOption: { en: 'That is not one of the options. Answer with {keys}.', 'pt-BR': 'Essa não é uma das opções. Responda com {keys}.' },
  emptyCommand: { en: 'Type the command after `quiz`, e.g. `quiz docker ps`.', 'pt-BR': 'Digite o comando depois de `quiz`, por exemplo `quiz docker ps`.' },
  labsTitle: { en: 'Labs', 'pt-BR': 'Laboratórios (labs)' },
  labsHelp: { en: 'Open one with `lab 1`; then `lab reset` prepares your host, `lab check` checks it, `lab hint` helps.', 'pt-BR': 'Abra um com `lab 1`; depois `lab reset` prepara seu host, `lab check` confere, `lab hint` ajuda.' },
  assigned: { en: 'assigned', 'pt-BR': 'atribuído' },
  labHeader: { en: 'Lab {order} · {title} · {xp} XP', 'pt-BR': 'Lab {order} · {title} · {xp} XP' },
  hints: { en: 'Hints so far:', 'pt-BR': 'Dicas até agora:' },
  checks: { en: 'Checks on your host:', 'pt-BR': 'Verificações no seu host:' },
  labPassed: { en: 'Lab passed! +{xp} XP', 'pt-BR': 'Lab concluído! +{xp} XP' },
  labAlreadyPassed: { en: 'Every check holds (you passed this lab before).', 'pt-BR': 'Todas as verificações passam (você já concluiu este lab).' },
  labNotYet: { en: '{n} of {total} checks hold. `lab hint` if you are stuck.', 'pt-BR': '{n} de {total} verificações passam. `lab hint` se travar.' },
  labFirst: { en: '`lab reset` prepares your host for it (it wipes your host first).', 'pt-BR': '`lab reset` prepara seu host para ele (apaga seu host antes).' },
  hint: { en: 'Hint {n}/{total}: {text}', 'pt-BR': 'Dica {n}/{total}: {text}' },
  noMoreHints: { en: 'No more hints: those were all of them.', 'pt-BR': 'Não há mais dicas: essas eram todas.' },
  reset: { en: 'Your host was wiped and prepared for lab {order} ({title}):', 'pt-BR': 'Seu host foi apagado e preparado para o lab {order} ({title}):' },
  noLabOpen: { en: 'Open a lab first, e.g. `lab 1`.', 'pt-BR': 'Abra um lab primeiro, por exemplo `lab 1`.' },
  notFound: { en: 'There is no such {what}.', 'pt-BR': 'Não existe esse(a) {what}.' },
  usage: {
    en: 'Use: lesson [N|next|try N] · quiz [a|b|true|<command>] · lab [N|check|hint|reset] · progress',
    'pt-BR': 'Uso: lesson [N|next|try N] · quiz [a|b|true|<comando>] · lab [N|check|hint|reset] · progress',
  },
} satisfies Record<string, Record<Locale, string>>;

const WHAT: Record<NotFound['what'], Record<Locale, string>> = {
  lesson: { en: 'lesson', 'pt-BR': 'lição' },
  page: { en: 'page', 'pt-BR': 'página' },
  'try-it': { en: 'try-it', 'pt-BR': 'experimento' },
  lab: { en: 'lab', 'pt-BR': 'lab' },
  card: { en: 'card', 'pt-BR': 'cartão' },
  question: { en: 'question', 'pt-BR': 'pergunta' },
};

function t(locale: Locale, key: keyof typeof T, values: Record<string, string | number> = {}): string {
  return T[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line) => `${prefix}${line}`).join('\n');
}

function notFoundText(result: NotFound): string {
  return t(result.locale, 'notFound', { what: WHAT[result.what][result.locale] });
}

function formatCard(card: QuizCardView): string {
  const l = card.locale;
  const lines = [t(l, 'quizHeader', { topic: card.topicTitle, fresh: card.isNew ? t(l, 'fresh') : '', due: card.dueLeft })];
  lines.push(card.prompt);
  if (card.setup.length > 0) {
    lines.push(t(l, 'alreadyRun'));
    for (const line of card.setup) lines.push(line.split('\n').map((part, i) => `${i === 0 ? '  $ ' : '    '}${part}`).join('\n'));
  }
  if (card.command) lines.push(`${t(l, 'whatPrints')}\n  $ ${card.command}`);
  if (card.kind === 'truefalse') {
    lines.push(t(l, 'answerOptions', { keys: '`quiz true`, `quiz false`' }));
  } else if (card.options.length > 0) {
    for (const option of card.options) lines.push(`  ${option.key}) ${option.text.split('\n').join('\n     ')}`);
    lines.push(t(l, 'answerOptions', { keys: card.options.map((o) => `\`quiz ${o.key}\``).join(', ') }));
  } else {
    lines.push(t(l, 'answerCommand'));
  }
  return lines.join('\n');
}

function formatNext(next: QuizNext | NotFound): string {
  if (next.status === 'not-found') return notFoundText(next);
  if (next.status === 'card') return formatCard(next.card);
  const l = next.locale;
  const parts = [next.nextDueDay ? t(l, 'nextReviewOn', { day: next.nextDueDay }) : '', next.newLeftToday === 0 ? t(l, 'newTomorrow') : ''].filter(Boolean);
  return t(l, 'quizDone', { next: parts.join(' ') }).trimEnd();
}

function formatAnswer(result: QuizAnswer): string {
  if (result.status === 'not-found') return notFoundText(result);
  const l = result.locale;
  if (result.status === 'invalid') {
    if (result.reason === 'empty') return t(l, 'emptyCommand');
    return t(l, 'notAnOption', { keys: result.options.map((o) => `\`quiz ${o.key}\``).join(', ') });
  }
  const lines: string[] = [];
  lines.push(`${result.correct ? t(l, 'right') : t(l, 'wrong')}${result.xp > 0 ? ` +${result.xp} XP` : ''}${result.repeated ? ` ${t(l, 'repeated')}` : ''}`);
  if (result.kind === 'command') {
    if (result.output) lines.push(t(l, 'yourLinePrinted'), indent(result.output.replace(/\n$/, ''), '  '));
    for (const probe of result.probes ?? []) lines.push(`  ${probe.holds ? '✅' : '❌'} ${probe.describe}`);
    if (!result.correct && result.example) lines.push(t(l, 'aLineThatWorks', { line: result.example }));
  } else if (!result.correct && result.rightKey) {
    lines.push(t(l, 'theAnswer', { key: result.rightKey, text: (result.rightText ?? '').split('\n').join(' / ') }));
  }
  lines.push(result.explanation);
  lines.push(t(l, 'nextReview', { day: result.nextDueDay, n: result.intervalDays }));
  if (result.dueLeft > 0) lines.push(t(l, 'moreDue', { n: result.dueLeft }));
  return lines.join('\n');
}

function formatPage(view: LessonPageView, total: number): string {
  const l = view.locale;
  const lines = [t(l, 'lessonHeader', { order: view.lesson.order, total, title: view.lesson.title, page: view.page, pages: view.lesson.pages }), '', view.body];
  if (view.tryIts.length > 0) {
    lines.push('', t(l, 'tryItTitle'));
    for (const item of view.tryIts) lines.push(`  [${item.index}]${item.done ? ' ✓' : ''} ${item.label}: ${item.command.split('\n')[0]}${item.command.includes('\n') ? ' …' : ''}`);
  }
  if (view.completedNow) lines.push('', t(l, 'lessonDone', { xp: view.xp }));
  return lines.join('\n');
}

function formatLab(view: LabStatusView | LabCheckView, withGoal: boolean): string {
  const l = view.locale;
  const lines = [t(l, 'labHeader', { order: view.lab.order, title: view.lab.title, xp: view.lab.xp })];
  if (withGoal) lines.push('', view.lab.goal);
  if (view.hints.length > 0) {
    lines.push('', t(l, 'hints'));
    view.hints.forEach((hint, i) => lines.push(`  ${i + 1}. ${hint}`));
  }
  lines.push('', t(l, 'checks'));
  for (const check of view.checks) lines.push(`  ${check.holds ? '✅' : '❌'} ${check.describe}`);
  const holding = view.checks.filter((c) => c.holds).length;
  if ('passedNow' in view && view.passedNow) lines.push('', t(l, 'labPassed', { xp: view.xp }));
  else if (view.allHold && view.passed) lines.push('', t(l, 'labAlreadyPassed'));
  else if (!view.allHold) lines.push('', t(l, 'labNotYet', { n: holding, total: view.checks.length }));
  if (withGoal && holding === 0) lines.push(t(l, 'labFirst'));
  return lines.join('\n');
}

/** The words after the first one, and the raw rest of the line (for `quiz <command line>`). */
function split(line: string): { word: string; args: string[]; rest: string } {
  const trimmed = line.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const word = match?.[1] ?? '';
  const rest = match?.[2] ?? '';
  return { word, args: rest.split(/\s+/).filter(Boolean), rest };
}

export function isLearningLine(line: string): boolean {
  return (LEARNING_WORDS as readonly string[]).includes(split(line).word);
}

/** Answers a learning line as text, or returns undefined for a line that is not one. */
export async function learningText(learning: Learning, student: StudentRef, line: string): Promise<string | undefined> {
  const { word, args, rest } = split(line);
  switch (word) {
    case 'progress':
      return progressSummary(await learning.progressView(student));

    case 'lesson': {
      const total = learning.course.lessons.length;
      const [first, second] = args;
      if (first === undefined) {
        const list = await learning.listLessons(student);
        const l = list.locale;
        const lines = [`${t(l, 'lessonsTitle')}:`];
        for (const lesson of list.lessons) {
          const mark = lesson.completed ? '✓' : lesson.started ? '…' : ' ';
          const here = list.current?.lessonId === lesson.id ? ` ← ${t(l, 'current')}` : '';
          lines.push(`${String(lesson.order).padStart(3)}. ${mark} ${lesson.title} (${lesson.pagesSeen}/${lesson.pages})${here}`);
        }
        lines.push(t(l, 'lessonsHelp'));
        return lines.join('\n');
      }
      let view: Awaited<ReturnType<Learning['lessonNext']>> | NotFound;
      if (first === 'next') view = await learning.lessonNext(student);
      else if (first === 'try') {
        // Runs in createLearningShell, as a line on the host; here only what went wrong.
        const current = (await learning.listLessons(student)).current;
        const locale = learning.localeOf(student);
        if (!current) return t(locale, 'noLessonOpen');
        return notFoundText({ status: 'not-found', what: 'try-it', locale });
      } else view = await learning.lessonPage(student, first, second === undefined ? undefined : Number(second));
      if (view.status === 'not-found') return notFoundText(view);
      if (view.status === 'end-of-course') return t(view.locale, 'endOfCourse');
      const lines = [formatPage(view, total)];
      if (view.isLast) {
        const question = await learning.lessonQuestion(student, view.lesson.id);
        if (question.status === 'card') lines.push('', t(view.locale, 'endQuestion'), formatCard(question.card));
      }
      if (view.next) {
        const nextLesson = learning.course.lessonById.get(view.next.lessonId)!;
        lines.push('', view.next.lessonId === view.lesson.id
          ? t(view.locale, 'nextPage', { page: view.next.page })
          : t(view.locale, 'nextLesson', { order: nextLesson.order, title: nextLesson.title[view.locale] }));
      }
      return lines.join('\n');
    }

    case 'quiz': {
      if (rest.trim() === '') return formatNext(await learning.nextQuizCard(student));
      const card = await learning.currentQuizCard(student);
      if (!card) return t(learning.localeOf(student), 'noCard');
      return formatAnswer(await learning.answerQuizCard(student, card.cardId, card.kind === 'command' ? rest : rest.trim()));
    }

    case 'lab': {
      const [first] = args;
      if (first === undefined) {
        const list = await learning.listLabs(student);
        const l = list.locale;
        const lines = [`${t(l, 'labsTitle')}:`];
        for (const lab of list.labs) {
          const mark = lab.passed ? '✓' : lab.started ? '…' : ' ';
          const tags = [`${lab.xp} XP`, lab.assigned ? t(l, 'assigned') : '', list.current === lab.id ? `← ${t(l, 'current')}` : ''].filter(Boolean).join(', ');
          lines.push(`${String(lab.order).padStart(3)}. ${mark} ${lab.title} (${tags})`);
        }
        lines.push(t(l, 'labsHelp'));
        return lines.join('\n');
      }
      if (first === 'check') {
        const view = await learning.checkLab(student);
        return view.status === 'ok' ? formatLab(view, false) : await noLab(learning, student, view);
      }
      if (first === 'hint') {
        const view = await learning.labHint(student);
        if (view.status !== 'ok') return noLab(learning, student, view);
        return view.hint === null ? t(view.locale, 'noMoreHints') : t(view.locale, 'hint', { n: view.hints.length, total: view.hints.length + view.hintsLeft, text: view.hint });
      }
      if (first === 'reset') {
        const view = await learning.resetLab(student);
        if (view.status !== 'ok') return noLab(learning, student, view);
        const lines = [t(view.locale, 'reset', { order: view.lab.order, title: view.lab.title })];
        for (const step of view.setup) lines.push(`$ ${step.line.split('\n')[0]}${step.exitCode === 0 ? '' : ` (exit ${step.exitCode})`}`);
        return lines.join('\n');
      }
      const view = await learning.labStatus(student, first);
      return view.status === 'ok' ? formatLab(view, true) : notFoundText(view);
    }

    default:
      return undefined;
  }
}

async function noLab(learning: Learning, student: StudentRef, result: NotFound): Promise<string> {
  const list = await learning.listLabs(student);
  return list.current ? notFoundText(result) : t(result.locale, 'noLabOpen');
}

function textReply(text: string, prompt: string, locale: Locale): LineReply {
  return {
    chunks: [{ stream: 'stdout', text: text.endsWith('\n') ? text : `${text}\n` }],
    exitCode: 0,
    prompt,
    promptBefore: prompt,
    events: [],
    explanation: { sentences: [], facts: [] },
    locale,
  };
}

/**
 * What the playground runs lines through: learning words are answered here; `lesson try N`
 * runs the try-it on the real host and shows it like a typed line; everything else is a
 * shell line on the student's host.
 */
export function createLearningShell(learning: Learning) {
  return {
    async runLine(student: StudentRef, line: string): Promise<LineReply> {
      if (!isLearningLine(line)) return learning.runLine(student, line);
      const { word, args } = split(line);
      if (word === 'lesson' && args[0] === 'try') {
        const list = await learning.listLessons(student);
        const prompt = await learning.shellPrompt(student);
        if (list.current) {
          const result = await learning.tryIt(student, list.current.lessonId, list.current.page, Number(args[1] ?? 1));
          if (result.status === 'ok') {
            const echoed = result.command.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`)).join('\n');
            return { ...result.reply, promptBefore: prompt, chunks: [{ stream: 'stdout', text: `${echoed}\n` }, ...result.reply.chunks] };
          }
        }
      }
      const text = await learningText(learning, student, line);
      const prompt = await learning.shellPrompt(student);
      const locale = learning.localeOf(student);
      return textReply(text ?? t(locale, 'usage'), prompt, locale);
    },
  };
}

export type LearningShell = ReturnType<typeof createLearningShell>;
