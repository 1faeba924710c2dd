// /file end to end: the editor modal, attachments, show/list/delete, starter projects, and
// clear refusals (outside home, binary, too big).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, type StarterTemplate } from '../../src/app/files';
import { bootBot, buttons, reply, terminal, type Booted } from './support/boot';

const WEB_TEMPLATE: StarterTemplate = {
  id: 'static-site',
  title: { en: 'A static site with nginx', 'pt-BR': 'Um site estático com nginx' },
  description: { en: 'An index.html and a Dockerfile.', 'pt-BR': 'Um index.html e um Dockerfile.' },
  files: {
    Dockerfile: 'FROM nginx\nCOPY index.html /usr/share/nginx/html/\n',
    'index.html': '<h1>Hello from Baleia</h1>\n',
  },
};

let b: Booted;
beforeAll(async () => {
  b = await bootBot({ templates: [WEB_TEMPLATE] });
});
afterAll(async () => {
  await b?.close();
});

const description = (message: { embeds: Array<{ description?: string }> }) => String(message.embeds[0]?.description ?? '');

describe('/file edit', () => {
  it('opens an empty editor for a new file and saves what the student typed', async () => {
    const opened = b.fake.slash('file edit', { options: { path: 'app/Dockerfile' } });
    const shown = await opened.waitForResponse();
    expect(shown.type).toBe(9);
    expect(shown.modal?.title).toBe('Editar ~/app/Dockerfile');
    const submitted = b.fake.submitModal(opened, { content: 'FROM alpine:3.22\nCMD ["echo", "hi"]' });
    const saved = await reply(submitted);
    expect(description(saved)).toBe('Criei `~/app/Dockerfile` (36B).');
    expect(buttons(saved)).toEqual(['cat app/Dockerfile', 'ls -la']);
    const cat = await reply(b.fake.clickButton(saved, saved.components[0]!.components[0].custom_id));
    expect(terminal(cat)).toBe('student@baleia:~$ cat app/Dockerfile\nFROM alpine:3.22\nCMD ["echo", "hi"]');
  });

  it('prefills the editor with the current content and overwrites it on submit', async () => {
    const opened = b.fake.slash('file edit', { options: { path: '~/app/Dockerfile' } });
    const shown = await opened.waitForResponse();
    const input = shown.modal?.components[0].component;
    expect(input.value).toBe('FROM alpine:3.22\nCMD ["echo", "hi"]\n');
    expect(input.max_length).toBe(4000);
    const saved = await reply(b.fake.submitModal(opened, { content: 'FROM alpine:3.22\n' }));
    expect(description(saved)).toBe('Salvei `~/app/Dockerfile` (17B).');
  });

  it('says a file is too big for the editor instead of cutting it', async () => {
    await reply(b.fake.slash('sh', { options: { line: 'seq 1 1200 > numbers.txt' } }));
    const message = await reply(b.fake.slash('file edit', { options: { path: 'numbers.txt' } }));
    expect(description(message)).toBe(
      '`~/numbers.txt` tem 4893 caracteres, e o editor do Discord comporta no máximo 4000. Substitua com /file upload, ou leia com /file show.',
    );
  });

  it('refuses a path outside the home directory, even through a symlink', async () => {
    const message = await reply(b.fake.slash('file edit', { options: { path: '../../etc/passwd' } }));
    expect(description(message)).toBe('../../etc/passwd fica fora da sua pasta pessoal; /file só trabalha dentro de ~.');
    await reply(b.fake.slash('sh', { options: { line: 'ln -s /etc system' } }));
    const linked = await reply(b.fake.slash('file show', { options: { path: 'system/passwd' } }));
    expect(description(linked)).toBe('~/system/passwd fica fora da sua pasta pessoal; /file só trabalha dentro de ~.');
    await reply(b.fake.slash('file delete', { options: { path: 'system' } }));
  });
});

describe('/file upload', () => {
  it('writes an attached text file into the home directory', async () => {
    const handle = b.fake.slash('file upload', { options: { file: { name: 'compose.yaml', data: 'services:\n  web:\n    image: nginx\n', contentType: 'text/yaml' } } });
    const saved = await reply(handle);
    expect(description(saved)).toBe('Criei `~/compose.yaml` (34B).');
    const show = await reply(b.fake.slash('file show', { options: { path: 'compose.yaml' } }));
    expect(show.embeds[0]!.title).toBe('~/compose.yaml');
    expect(description(show)).toBe('```\nservices:\n  web:\n    image: nginx\n```');
  });

  it('puts the upload where the student asked', async () => {
    const saved = await reply(b.fake.slash('file upload', { options: { file: { name: 'main.py', data: 'print("hi")\n' }, path: 'app/main.py' } }));
    expect(description(saved)).toBe('Criei `~/app/main.py` (12B).');
  });

  it('refuses a binary file and an oversized one, clearly', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const binary = await reply(b.fake.slash('file upload', { options: { file: { name: 'logo.png', data: png, contentType: 'image/png' } } }));
    expect(description(binary)).toBe('`logo.png` não é um arquivo de texto. Só arquivos de texto (Dockerfile, código, configuração) podem ser enviados.');
    const big = await reply(b.fake.slash('file upload', { options: { file: { name: 'big.txt', data: 'x'.repeat(300 * 1024) } } }));
    expect(description(big)).toBe('`big.txt` tem 307kB; envios são limitados a 262kB.');
  });
});

describe('/file show, list, delete', () => {
  it('lists the home directory as a tree with sizes', async () => {
    const message = await reply(b.fake.slash('file list'));
    expect(message.embeds[0]!.title).toBe('Arquivos em ~');
    expect(terminalOf(message)).toBe(
      [
        '.bashrc                          96B',
        'app/',
        '  Dockerfile                     17B',
        '  main.py                        12B',
        'compose.yaml                     34B',
        'numbers.txt                      4.89kB',
      ].join('\n'),
    );
  });

  it('deletes a file and says a missing one is missing', async () => {
    const deleted = await reply(b.fake.slash('file delete', { options: { path: 'numbers.txt' } }));
    expect(description(deleted)).toBe('Apaguei `~/numbers.txt`.');
    const missing = await reply(b.fake.slash('file show', { options: { path: 'numbers.txt' } }));
    expect(description(missing)).toBe('~/numbers.txt não existe. /file list mostra seus arquivos.');
  });

  it('completes paths from the student’s files', async () => {
    const response = await b.fake.autocomplete('file show', { options: { path: 'ap' }, focused: 'path' }).waitForResponse();
    expect(response.choices).toEqual([
      { name: '~/app/Dockerfile', value: 'app/Dockerfile' },
      { name: '~/app/main.py', value: 'app/main.py' },
    ]);
  });
});

describe('/file template', () => {
  it('lists the starter projects, then writes one into its folder', async () => {
    const list = await reply(b.fake.slash('file template'));
    expect(list.embeds[0]!.title).toBe('Projetos iniciais');
    expect(description(list)).toContain('**static-site**: Um site estático com nginx');
    const applied = await reply(b.fake.slash('file template', { options: { name: 'static-site' } }));
    expect(description(applied)).toBe('Escrevi 2 arquivo(s) de “Um site estático com nginx” em `~/static-site`:\n`~/static-site/Dockerfile`\n`~/static-site/index.html`');
    const ls = await reply(b.fake.clickButton(applied, applied.components[0]!.components[0].custom_id));
    const lines = terminal(ls).split('\n');
    expect(lines.slice(-3, -1).map((line) => line.split(/\s+/).at(-1))).toEqual(['Dockerfile', 'index.html']);
    expect(lines.at(-1)).toBe('student@baleia:~/static-site$');
  });

  it('says there are none yet when the folder is empty', async () => {
    const empty = await bootBot();
    try {
      const message = await reply(empty.fake.slash('file template', { options: { name: 'anything' } }));
      expect(description(message)).toBe('Ainda não há projetos iniciais.');
    } finally {
      await empty.close();
    }
  });
});

describe('the starter projects in data/templates', () => {
  it('all load with the shape /file template expects, under distinct ids', () => {
    const templates = loadTemplates();
    expect(new Set(templates.map((template) => template.id)).size).toBe(templates.length);
    for (const template of templates) expect(Object.keys(template.files).length).toBeGreaterThan(0);
  });
});

function terminalOf(message: { embeds: Array<{ description?: string }> }): string {
  return description(message).replace(/^```\n/, '').replace(/\n```$/, '');
}
