// Parsers and formatters on their own: the docker command line, a 100-row table, a 30-line
// Dockerfile, and how long the hostile Dockerfiles take to be refused.
import { parseDockerArgs } from '../src/engine/cli/parse-args';
import { checkDockerfile, isDockerfileError, parseDockerfile, toInstructions } from '../src/engine/dockerfile';
import { formatTable } from '../src/engine/format/table';
import { median, sample, table } from './stats';

const DOCKERFILE = `# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
FROM node:\${NODE_VERSION}-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
FROM node:\${NODE_VERSION}-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
FROM node:\${NODE_VERSION}-alpine
ENV NODE_ENV=production
WORKDIR /app
RUN addgroup -S app && adduser -S app -G app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json .
USER app
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost:3000/health || exit 1
VOLUME /app/data
LABEL org.opencontainers.image.title="api"
LABEL org.opencontainers.image.source="https://example.com/api"
STOPSIGNAL SIGTERM
ENTRYPOINT ["node"]
CMD ["dist/server.js"]
`;

const nested = (depth: number) => '${a:-'.repeat(depth) + 'x' + '}'.repeat(depth);
const HOSTILE: Record<string, string> = {
  'a 300 kB file': `FROM alpine\nRUN echo ${'x'.repeat(300_000)}\n`,
  'an endless continuation': `FROM alpine\nRUN a \\\n${'  b \\\n'.repeat(8000)}`,
  'binary junk': String.fromCharCode(...Array.from({ length: 20_000 }, (_, i) => 1 + ((i * 7919) % 255))),
  'nesting 5000 deep': `FROM alpine\nENV X=${nested(5000)}\n`,
  'doubling ARGs': `ARG A0=xx\n${Array.from({ length: 40 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n')}\nFROM alpine\n`,
};

export async function runParserBench(): Promise<void> {
  console.log('\n## Parsers and formatters (median of many runs)');
  const argv = ['run', '-dit', '--name', 'web', '-p', '8080:80', '-e', 'A=1', '-v', 'data:/data', '--memory', '512m', 'nginx'];
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (let i = 0; i < 100; i++) rows.push([`${i}`.padStart(12, 'a'), 'nginx:latest', '"/docker-entrypoint.…"', `${i} minutes ago`, `Up ${i} minutes`, '80/tcp', `web_${i}`]);
  const figures: string[][] = [
    ['docker argv parse', `${(median(await sample(() => parseDockerArgs(argv), 2000)) * 1000).toFixed(1)} µs`],
    ['100-row docker ps table', `${median(await sample(() => formatTable(rows), 300)).toFixed(3)} ms`],
    ['30-line Dockerfile parse', `${median(await sample(() => parseDockerfile(DOCKERFILE), 500)).toFixed(3)} ms`],
    ['30-line Dockerfile parse + plan', `${median(await sample(() => toInstructions(parseDockerfile(DOCKERFILE) as never), 300)).toFixed(3)} ms`],
    ['30-line Dockerfile --check', `${median(await sample(() => checkDockerfile(DOCKERFILE), 200)).toFixed(3)} ms`],
  ];
  for (const [what, text] of Object.entries(HOSTILE)) {
    const refuse = () => {
      const parsed = parseDockerfile(text);
      return isDockerfileError(parsed) ? parsed : toInstructions(parsed, { allStages: true });
    };
    figures.push([`hostile Dockerfile refused: ${what}`, `${median(await sample(refuse, 20)).toFixed(2)} ms`]);
  }
  console.log(table(['what', 'median'], figures));
}
