// `lesson`, `quiz`, `lab` and `progress` in the terminal playground, driven through its script
// mode as a student would type them (a process with a script on stdin), across two days.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog-loader';
import { loadCourse } from '../../src/learning/content';
import { questionContent } from '../../src/learning/quiz';

const root = new URL('../..', import.meta.url).pathname;

function playground(script: string, database: string, now: string, lang = 'pt-BR') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'test/learning/playground-main.ts'], {
    cwd: root,
    input: script,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: database, USER: 'ana', BALEIA_NOW: now, BALEIA_LANG: lang },
    timeout: 90_000,
  });
  if (result.status !== 0 && result.stderr) throw new Error(result.stderr);
  return result.stdout;
}

/** The key the playground shows for an option of a question (the shuffle is stable per student). */
async function keyFor(questionId: string, text: string, locale: 'en' | 'pt-BR') {
  const course = await loadCourse(loadCatalog());
  const view = questionContent(course.questionById.get(questionId)!, locale, 'local:local:ana', course.predictAnswers.get(questionId));
  return view.options.find((o) => o.text === text)!.key;
}

describe('learning in the terminal playground', () => {
  it('reads a lesson with a Try it, answers its question, and meets the card again the next day', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'baleia-learn-')), 'play.db');
    const wrong = await keyFor('image-contents', 'Um processo em execução, pronto para receber requisições', 'pt-BR');
    const right = await keyFor('image-contents', 'Código, bibliotecas, dependências, variáveis de ambiente e configuração', 'pt-BR');

    const day1 = playground(['lesson', 'lesson 1', 'lesson try 1', 'lesson next', 'lesson next', 'quiz', `quiz ${wrong}`, 'progress'].join('\n'), database, '2026-03-02T09:00:00-03:00');
    expect(day1).toContain('ana@baleia:~$ lesson\nLições:\n  1.   O que é uma imagem? (0/3)\n');
    expect(day1).toContain('ana@baleia:~$ lesson 1\nLição 1/14 · O que é uma imagem? · página 1/3\n');
    expect(day1).toContain('Experimente (rode com `lesson try N`):\n  [1] Baixar a imagem alpine: docker pull alpine\n');
    expect(day1).toContain('ana@baleia:~$ lesson try 1\n$ docker pull alpine\nUsing default tag: latest\nlatest: Pulling from library/alpine\n');
    expect(day1).toContain('Lição concluída! +20 XP\n\nUma pergunta sobre esta lição:\nQuiz · Imagens, camadas e registries · nova · 0 para revisar hoje\nO que uma imagem Docker contém?\n');
    expect(day1).toContain('`lesson next` → lição 2: O que é um contêiner?.\n');
    expect(day1).toContain(`ana@baleia:~$ quiz ${wrong}\n✗ Não foi dessa vez.\nA resposta: ${right}) Código, bibliotecas, dependências, variáveis de ambiente e configuração\n`);
    expect(day1).toContain('Próxima revisão deste cartão: 2026-03-03 (em 1 dia(s)).\n');
    expect(day1).toContain('ana@baleia:~$ progress\nProgresso de ana\nXP: 20 (hoje 20, últimos 7 dias 20)\nSequência: 1 dia (hoje já conta); recorde 1 dia\n');
    expect(day1).toContain('Lições: 1/14 (próxima: 2. O que é um contêiner?) · Labs: 0/13\n');

    const day2 = playground(['quiz', `quiz ${right}`, 'progress'].join('\n'), database, '2026-03-03T09:00:00-03:00');
    expect(day2).toContain('ana@baleia:~$ quiz\nQuiz · Imagens, camadas e registries · 1 para revisar hoje\nO que uma imagem Docker contém?\n');
    expect(day2).toContain(`ana@baleia:~$ quiz ${right}\n✓ Certo! +10 XP\n`);
    expect(day2).toContain('Sequência: 2 dias (hoje já conta); recorde 2 dias\n');
  }, 120_000);

  it('fails a lab, fixes the host, passes it, and answers a typed-command card in English', async () => {
    const database = join(mkdtempSync(join(tmpdir(), 'baleia-learn-')), 'play.db');
    const out = playground([
      'lab',
      'lab 1',
      'lab reset',
      'lab check',
      'lab hint',
      'docker run -d --name web -p 8080:80 nginx',
      'lab check',
      'lab check',
      'quiz z',
    ].join('\n'), database, '2026-03-02T09:00:00-03:00', 'en');
    expect(out).toContain('ana@baleia:~$ lab\nLabs:\n  1.   Your first web server (50 XP)\n');
    expect(out).toContain('ana@baleia:~$ lab 1\nLab 1 · Your first web server · 50 XP\n\nStart a web server from the official **nginx** image');
    expect(out).toContain('ana@baleia:~$ lab reset\nYour host was wiped and prepared for lab 1 (Your first web server):\n$ docker pull nginx\n');
    expect(out).toContain('ana@baleia:~$ lab check\nLab 1 · Your first web server · 50 XP\n\nChecks on your host:\n  ❌ web is running\n  ❌ web was created from the nginx image\n  ❌ localhost:8080 answers with the nginx welcome page\n\n0 of 3 checks hold. `lab hint` if you are stuck.\n');
    expect(out).toMatch(/ana@baleia:~\$ lab hint\nHint 1\/3: .+\n/);
    expect(out).toContain('  ✅ web is running\n  ✅ web was created from the nginx image\n  ✅ localhost:8080 answers with the nginx welcome page\n\nLab passed! +50 XP\n');
    expect(out).toContain('\nEvery check holds (you passed this lab before).\n');
    expect(out).toContain('ana@baleia:~$ quiz z\nNo card is waiting for an answer: type `quiz` to get one.\n');
  }, 120_000);
});
