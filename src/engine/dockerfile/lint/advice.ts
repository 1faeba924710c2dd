// Baleia's own explanations for Docker's build checks: what to change and why, in the
// course's words (glossary.md). Docker's messages stay as Docker prints them.
import type { DockerRuleName } from './rules';

export interface Advice {
  en: string;
  'pt-BR': string;
}

export const DOCKER_RULE_ADVICE: Record<DockerRuleName, Advice> = {
  StageNameCasing: {
    en: 'Write stage names in lowercase, for example `AS build`. Docker lowercases them anyway, so `COPY --from=Build` and `--target Build` only work by accident.',
    'pt-BR': 'Escreva os nomes de estágio em minúsculas, por exemplo `AS build`. O Docker converte o nome para minúsculas de qualquer forma, então `COPY --from=Build` e `--target Build` só funcionam por acaso.',
  },
  FromAsCasing: {
    en: 'Write `AS` with the same casing as `FROM` (`FROM node AS build`, or `from node as build`). It changes nothing in the image, but mixed casing makes the Dockerfile harder to read.',
    'pt-BR': 'Escreva `AS` com a mesma caixa de `FROM` (`FROM node AS build` ou `from node as build`). Isso não muda a imagem, mas misturar maiúsculas e minúsculas deixa o Dockerfile mais difícil de ler.',
  },
  NoEmptyContinuation: {
    en: 'Remove the empty line inside this instruction, or end the instruction before it. An empty line after a `\\` is still joined to the instruction today, but future Docker versions will reject it.',
    'pt-BR': 'Remova a linha vazia dentro desta instrução, ou termine a instrução antes dela. Hoje uma linha vazia depois de uma `\\` ainda é juntada à instrução, mas versões futuras do Docker vão recusá-la.',
  },
  ConsistentInstructionCasing: {
    en: 'Write every instruction keyword in the same case; the convention is uppercase (`RUN`, `COPY`). Docker accepts any case, but a consistent file is easier to scan.',
    'pt-BR': 'Escreva todas as palavras-chave das instruções com a mesma caixa; a convenção é maiúsculas (`RUN`, `COPY`). O Docker aceita qualquer caixa, mas um arquivo consistente é mais fácil de ler.',
  },
  DuplicateStageName: {
    en: 'Give each stage its own name. With two stages called the same, `COPY --from` and `--target` can only reach one of them.',
    'pt-BR': 'Dê um nome diferente a cada estágio. Com dois estágios de mesmo nome, `COPY --from` e `--target` só alcançam um deles.',
  },
  ReservedStageName: {
    en: 'Rename the stage: `scratch` and `context` already mean something to Docker (the empty image and the build context).',
    'pt-BR': 'Renomeie o estágio: `scratch` e `context` já têm significado para o Docker (a imagem vazia e o contexto de build).',
  },
  JSONArgsRecommended: {
    en: 'Use the JSON (exec) form, for example `CMD ["node", "server.js"]`. In the shell form Docker starts `/bin/sh -c`, so your program is not the container\'s main process and does not receive the stop signal: `docker stop` waits 10 seconds and then kills it.',
    'pt-BR': 'Use a forma JSON (exec), por exemplo `CMD ["node", "server.js"]`. Na forma shell o Docker inicia `/bin/sh -c`, então seu programa não é o processo principal do contêiner e não recebe o sinal de parada: o `docker stop` espera 10 segundos e depois o mata.',
  },
  MaintainerDeprecated: {
    en: 'Replace MAINTAINER with a label: `LABEL org.opencontainers.image.authors="you@example.com"`. MAINTAINER is deprecated and labels are what tools read.',
    'pt-BR': 'Troque MAINTAINER por um label: `LABEL org.opencontainers.image.authors="voce@exemplo.com"`. MAINTAINER está obsoleto e os labels são o que as ferramentas leem.',
  },
  UndefinedArgInFrom: {
    en: 'Declare the variable with `ARG` before the first FROM (with a default value if possible). FROM can only use ARGs declared above it; an undeclared one expands to nothing.',
    'pt-BR': 'Declare a variável com `ARG` antes do primeiro FROM (com um valor padrão, se possível). O FROM só enxerga ARGs declarados acima dele; um não declarado vira texto vazio.',
  },
  WorkdirRelativePath: {
    en: 'Give WORKDIR an absolute path, such as `WORKDIR /app`. A relative path is resolved against the base image\'s working directory, which can change when the base image changes.',
    'pt-BR': 'Use um caminho absoluto no WORKDIR, como `WORKDIR /app`. Um caminho relativo é resolvido a partir do diretório de trabalho da imagem base, que pode mudar quando a imagem base muda.',
  },
  UndefinedVar: {
    en: 'Declare the variable with `ARG` or `ENV` before this line, or fix its name. Docker replaces an unknown variable with an empty string, so the instruction silently does something else.',
    'pt-BR': 'Declare a variável com `ARG` ou `ENV` antes desta linha, ou corrija o nome. O Docker troca uma variável desconhecida por texto vazio, e a instrução passa a fazer outra coisa sem avisar.',
  },
  MultipleInstructionsDisallowed: {
    en: 'Keep only one of these instructions in the stage. Only the last CMD, ENTRYPOINT or HEALTHCHECK counts; the earlier ones are ignored.',
    'pt-BR': 'Deixe só uma dessas instruções no estágio. Só o último CMD, ENTRYPOINT ou HEALTHCHECK vale; os anteriores são ignorados.',
  },
  LegacyKeyValueFormat: {
    en: 'Write `KEY=value` (for example `ENV NODE_ENV=production`). The old `ENV KEY value` form takes the whole rest of the line as the value, which surprises people once a line has several pairs.',
    'pt-BR': 'Escreva `CHAVE=valor` (por exemplo `ENV NODE_ENV=production`). A forma antiga `ENV CHAVE valor` usa todo o resto da linha como valor, o que surpreende quando a linha tem vários pares.',
  },
  InvalidBaseImagePlatform: {
    en: 'Use a base image made for the build\'s platform, or pass `--platform`. A mismatched image may not run on this host.',
    'pt-BR': 'Use uma imagem base feita para a plataforma do build, ou passe `--platform`. Uma imagem de outra plataforma pode não rodar neste host.',
  },
  RedundantTargetPlatform: {
    en: 'Remove `--platform=$TARGETPLATFORM`: building for the target platform is already what FROM does.',
    'pt-BR': 'Remova `--platform=$TARGETPLATFORM`: construir para a plataforma de destino já é o que o FROM faz.',
  },
  SecretsUsedInArgOrEnv: {
    en: 'Do not put passwords or tokens in ARG or ENV: their values stay in the image (ENV in its config, ARG in `docker history`). Pass them with `RUN --mount=type=secret` or at run time with `docker run -e`.',
    'pt-BR': 'Não coloque senhas ou tokens em ARG ou ENV: os valores ficam na imagem (ENV na configuração, ARG no `docker history`). Passe-os com `RUN --mount=type=secret` ou na execução com `docker run -e`.',
  },
  InvalidDefaultArgInFrom: {
    en: 'Give the ARG a default that makes a valid image name, for example `ARG NODE_VERSION=22`. Without it the Dockerfile only builds when someone remembers the right `--build-arg`.',
    'pt-BR': 'Dê ao ARG um valor padrão que forme um nome de imagem válido, por exemplo `ARG NODE_VERSION=22`. Sem ele o Dockerfile só funciona se alguém lembrar do `--build-arg` certo.',
  },
  FromPlatformFlagConstDisallowed: {
    en: 'Use `--platform=$BUILDPLATFORM` (or remove the flag) instead of a fixed value. A fixed platform makes every build of this stage use that platform, even when another one was asked for.',
    'pt-BR': 'Use `--platform=$BUILDPLATFORM` (ou remova a opção) em vez de um valor fixo. Uma plataforma fixa faz todo build deste estágio usar essa plataforma, mesmo quando outra foi pedida.',
  },
  CopyIgnoredFile: {
    en: 'Either remove this file from `.dockerignore` or stop copying it. Files excluded by `.dockerignore` never reach the builder, so this COPY will fail.',
    'pt-BR': 'Tire o arquivo do `.dockerignore` ou pare de copiá-lo. Arquivos excluídos pelo `.dockerignore` nunca chegam ao builder, então este COPY vai falhar.',
  },
  InvalidDefinitionDescription: {
    en: 'Start the comment above a stage or ARG with its name (`# build compiles the app`), or separate them with an empty line. Tools show such comments as descriptions.',
    'pt-BR': 'Comece o comentário acima de um estágio ou ARG com o nome dele (`# build compila a aplicação`), ou separe-os com uma linha vazia. Ferramentas mostram esses comentários como descrições.',
  },
};
