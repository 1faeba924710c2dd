// Everything the bot says around the terminal output, in the two course languages. Docker's
// own output stays exactly as Docker prints it (English); only Baleia's words are translated.
import type { Locale } from '../content/common';

const STRINGS = {
  whatHappened: { en: 'What just happened', 'pt-BR': 'O que aconteceu' },
  facts: { en: 'Course facts', 'pt-BR': 'Fatos do curso' },
  moreLines: { en: '... {n} more lines', 'pt-BR': '... mais {n} linhas' },
  moreChars: { en: '… {n} more characters', 'pt-BR': '… mais {n} caracteres' },
  exitCode: { en: 'exit code {code}', 'pt-BR': 'código de saída {code}' },
  insideContainer: { en: 'inside a container: /sh runs there, exit leaves', 'pt-BR': 'dentro de um contêiner: /sh roda lá, exit sai' },
  refusedTitle: { en: 'Baleia limit', 'pt-BR': 'Limite do Baleia' },
  bug: {
    en: 'Your simulated host hit an unexpected error, so nothing was changed. Please try again; if it keeps happening, tell your instructor.',
    'pt-BR': 'Seu host simulado encontrou um erro inesperado, então nada foi alterado. Tente de novo; se continuar, avise seu professor.',
  },
  oops: {
    en: 'Sorry, something went wrong on Baleia’s side. Nothing was changed; please try again.',
    'pt-BR': 'Desculpe, algo deu errado do lado do Baleia. Nada foi alterado; tente de novo.',
  },
  restarting: { en: 'Baleia is restarting; try again in a moment.', 'pt-BR': 'O Baleia está reiniciando; tente de novo daqui a pouco.' },
  buttonExpired: {
    en: 'This button has expired. Type the command again with /docker or /sh.',
    'pt-BR': 'Este botão expirou. Digite o comando de novo com /docker ou /sh.',
  },
  notYourButton: {
    en: 'This button belongs to another student’s reply. Run the command on your own host with /docker or /sh.',
    'pt-BR': 'Este botão é da resposta de outro estudante. Rode o comando no seu próprio host com /docker ou /sh.',
  },
  emptyLine: { en: 'Type a command, for example `docker ps`.', 'pt-BR': 'Digite um comando, por exemplo `docker ps`.' },

  // /file
  fileSaved: { en: 'Saved {path} ({size}).', 'pt-BR': 'Salvei {path} ({size}).' },
  fileCreated: { en: 'Created {path} ({size}).', 'pt-BR': 'Criei {path} ({size}).' },
  fileDeleted: { en: 'Deleted {path}.', 'pt-BR': 'Apaguei {path}.' },
  dirDeleted: { en: 'Deleted the folder {path} and the {n} file(s) in it.', 'pt-BR': 'Apaguei a pasta {path} e o(s) {n} arquivo(s) dentro dela.' },
  fileListTitle: { en: 'Files in {path}', 'pt-BR': 'Arquivos em {path}' },
  fileListEmpty: { en: '{path} is empty. Create a file with /file edit or /file template.', 'pt-BR': '{path} está vazio. Crie um arquivo com /file edit ou /file template.' },
  fileListTruncated: { en: 'Only the first {n} entries are shown.', 'pt-BR': 'Só as primeiras {n} entradas aparecem.' },
  fileEmpty: { en: '{path} is empty.', 'pt-BR': '{path} está vazio.' },
  modalTitle: { en: 'Edit {path}', 'pt-BR': 'Editar {path}' },
  modalLabel: { en: 'Content', 'pt-BR': 'Conteúdo' },
  tooBigForModal: {
    en: '{path} has {n} characters, and Discord’s editor holds at most 4000. Replace it with /file upload, or read it with /file show.',
    'pt-BR': '{path} tem {n} caracteres, e o editor do Discord comporta no máximo 4000. Substitua com /file upload, ou leia com /file show.',
  },
  noTemplates: { en: 'There are no starter projects yet.', 'pt-BR': 'Ainda não há projetos iniciais.' },
  templatesTitle: { en: 'Starter projects', 'pt-BR': 'Projetos iniciais' },
  templatesHint: { en: 'Pick one with /file template name:<id>.', 'pt-BR': 'Escolha um com /file template nome:<id>.' },
  templateApplied: { en: 'Wrote {n} file(s) of “{title}” into {path}:', 'pt-BR': 'Escrevi {n} arquivo(s) de “{title}” em {path}:' },
  uploadTooBig: { en: '{name} is {size}; uploads are limited to {limit}.', 'pt-BR': '{name} tem {size}; envios são limitados a {limit}.' },
  uploadNotText: { en: '{name} is not a text file. Only text files (Dockerfile, code, configuration) can be uploaded.', 'pt-BR': '{name} não é um arquivo de texto. Só arquivos de texto (Dockerfile, código, configuração) podem ser enviados.' },
  uploadFailed: { en: 'Could not download {name} from Discord. Please try again.', 'pt-BR': 'Não consegui baixar {name} do Discord. Tente de novo.' },
  'file.invalid-path': { en: '“{path}” is not a usable path.', 'pt-BR': '“{path}” não é um caminho válido.' },
  'file.outside-home': { en: '{path} is outside your home directory; /file works inside ~ only.', 'pt-BR': '{path} fica fora da sua pasta pessoal; /file só trabalha dentro de ~.' },
  'file.not-found': { en: '{path} does not exist. /file list shows your files.', 'pt-BR': '{path} não existe. /file list mostra seus arquivos.' },
  'file.is-directory': { en: '{path} is a folder, not a file.', 'pt-BR': '{path} é uma pasta, não um arquivo.' },
  'file.not-a-directory': { en: '{path} is a file, not a folder.', 'pt-BR': '{path} é um arquivo, não uma pasta.' },
  'file.not-text': { en: '{path} is not a text file.', 'pt-BR': '{path} não é um arquivo de texto.' },
  'file.too-large': { en: '{path} would be larger than the {limit} a file may hold.', 'pt-BR': '{path} passaria do limite de {limit} por arquivo.' },
  'file.over-quota': {
    en: 'That would take your files, writable layers and volumes past {limit}. Nothing was changed; delete something first.',
    'pt-BR': 'Isso levaria seus arquivos, camadas graváveis e volumes além de {limit}. Nada foi alterado; apague algo antes.',
  },
  'file.is-home': { en: 'That is your home directory itself; name a file inside it.', 'pt-BR': 'Essa é a sua própria pasta pessoal; indique um arquivo dentro dela.' },
  'file.unknown-template': { en: 'There is no starter project “{path}”. /file template without a name lists them.', 'pt-BR': 'Não existe projeto inicial “{path}”. /file template sem nome lista todos.' },

  // /host
  hostTitle: { en: 'Your Docker host', 'pt-BR': 'Seu host Docker' },
  hostSummary: {
    en: '{images} image(s) · {containers} container(s), {running} running · {volumes} volume(s)',
    'pt-BR': '{images} imagem(ns) · {containers} contêiner(es), {running} em execução · {volumes} volume(s)',
  },
  hostShared: { en: '{n} layer(s) shared between images, stored once ({saved} saved).', 'pt-BR': '{n} camada(s) compartilhada(s) entre imagens, guardada(s) uma vez ({saved} poupados).' },
  hostInside: { en: 'Your prompt is inside {name}: type exit with /sh to leave.', 'pt-BR': 'Seu prompt está dentro de {name}: digite exit com /sh para sair.' },

  // /reset
  resetConfirm: {
    en: 'This removes every image, container, volume and file of your simulated host in this server and gives you a fresh one. Reset it?',
    'pt-BR': 'Isso remove todas as imagens, contêineres, volumes e arquivos do seu host simulado neste servidor e te dá um novo. Resetar?',
  },
  resetYes: { en: 'Reset my host', 'pt-BR': 'Resetar meu host' },
  resetNo: { en: 'Cancel', 'pt-BR': 'Cancelar' },
  resetDone: { en: 'Done: your host is brand new. Try /docker run hello-world.', 'pt-BR': 'Pronto: seu host está novinho. Experimente /docker run hello-world.' },
  resetCancelled: { en: 'Nothing was changed.', 'pt-BR': 'Nada foi alterado.' },

  // /settings
  settingsTitle: { en: 'Your settings', 'pt-BR': 'Suas configurações' },
  settingsLanguage: { en: 'Language', 'pt-BR': 'Idioma' },
  settingsReplies: { en: 'Replies', 'pt-BR': 'Respostas' },
  languageAuto: { en: 'automatic (from Discord: {locale})', 'pt-BR': 'automático (do Discord: {locale})' },
  repliesPrivate: { en: 'private (only you see them)', 'pt-BR': 'privadas (só você vê)' },
  repliesPublic: { en: 'public (the channel sees them)', 'pt-BR': 'públicas (o canal vê)' },
  settingsPublicChannel: { en: 'This channel is a public lab channel: replies here are public.', 'pt-BR': 'Este canal é um canal de laboratório público: aqui as respostas são públicas.' },
  settingsSaved: { en: 'Saved.', 'pt-BR': 'Salvo.' },

  // /lab-channel
  labChannelOn: { en: 'Replies in <#{channel}> are now public: students see each other’s work.', 'pt-BR': 'Agora as respostas em <#{channel}> são públicas: a turma vê o trabalho de todos.' },
  labChannelOff: { en: 'Replies in <#{channel}> follow each student’s setting again (private by default).', 'pt-BR': 'As respostas em <#{channel}> voltam a seguir a escolha de cada estudante (privadas por padrão).' },

  // /help
  helpTitle: { en: 'Baleia: your own Docker host, here in Discord', 'pt-BR': 'Baleia: seu próprio host Docker, aqui no Discord' },
  helpBody: {
    en: [
      'Every student gets a simulated Docker 28 host for this server. It behaves and prints like the real thing.',
      '',
      '**/docker** `run -d --name web -p 8080:80 nginx` runs a docker command ("docker" is optional).',
      '**/sh** `curl -s localhost:8080` runs any shell line. After `docker run -it alpine` or `docker exec -it web sh`, /sh lines run inside the container until `exit`.',
      '**/file** edit, show, list, delete, upload, template: the files in your home directory (your Dockerfile, your app).',
      '**/host** draws your images, their shared layers, your containers and volumes.',
      '**/reset** gives you a brand-new host. **/settings** sets your language and whether replies are private.',
      '',
      'Each reply shows the exact terminal output, a short “what just happened”, and buttons for a natural next step.',
    ].join('\n'),
    'pt-BR': [
      'Cada estudante ganha um host Docker 28 simulado neste servidor. Ele se comporta e imprime como o de verdade.',
      '',
      '**/docker** `run -d --name web -p 8080:80 nginx` roda um comando docker (o "docker" é opcional).',
      '**/sh** `curl -s localhost:8080` roda qualquer linha de shell. Depois de `docker run -it alpine` ou `docker exec -it web sh`, as linhas do /sh rodam dentro do contêiner até `exit`.',
      '**/file** edit, show, list, delete, upload, template: os arquivos da sua pasta pessoal (seu Dockerfile, sua aplicação).',
      '**/host** desenha suas imagens, as camadas que elas compartilham, seus contêineres e volumes.',
      '**/reset** te dá um host novinho. **/settings** escolhe o idioma e se as respostas são privadas.',
      '',
      'Cada resposta mostra a saída exata do terminal, um curto “o que aconteceu” e botões para um próximo passo natural.',
    ].join('\n'),
  },
  helpFooter: { en: 'Start with /docker run hello-world', 'pt-BR': 'Comece com /docker run hello-world' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof STRINGS;

export function tr(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])));
}

/** pt-BR for any Portuguese Discord client, English otherwise (the course's two languages). */
export function localeOf(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}
