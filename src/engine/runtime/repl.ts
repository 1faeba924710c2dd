// A deliberately tiny Python/Node REPL for `docker run -it python` and `docker run -it node`:
// enough to print, do arithmetic and leave. It never evaluates code.

export interface ReplResult {
  output: string;
  exit: boolean;
}

const STRING = /^(['"])((?:\\.|(?!\1).)*)\1$/;

function evaluateArithmetic(text: string): number | undefined {
  if (!/^[\d\s+\-*/%().]+$/.test(text) || text.length > 200) return undefined;
  const tokens = text.match(/\d+(?:\.\d+)?|[+\-*/%()]/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];
  const primary = (): number => {
    const token = next();
    if (token === '(') {
      const value = sum();
      if (next() !== ')') throw new Error('syntax');
      return value;
    }
    if (token === '-') return -primary();
    if (token === undefined || !/^\d/.test(token)) throw new Error('syntax');
    return Number(token);
  };
  const product = (): number => {
    let value = primary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = next();
      const right = primary();
      if ((op === '/' || op === '%') && right === 0) throw new Error('zero');
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = next() === '+' ? value + product() : value - product();
    return value;
  };
  try {
    const value = sum();
    return position === tokens.length ? value : undefined;
  } catch (error) {
    if (error instanceof Error && error.message === 'zero') return NaN;
    return undefined;
  }
}

function pythonValue(text: string): string | undefined {
  const string = STRING.exec(text);
  if (string) return string[2];
  const number = evaluateArithmetic(text);
  if (number === undefined) return undefined;
  if (Number.isNaN(number)) return undefined;
  return text.includes('/') && Number.isInteger(number) ? `${number}.0` : String(number);
}

export function pythonRepl(line: string): ReplResult {
  const text = line.trim();
  if (text === '') return { output: '', exit: false };
  if (/^(exit|quit)\(\s*\)$/.test(text)) return { output: '', exit: true };
  const print = /^print\((.*)\)$/.exec(text);
  const expression = print ? print[1]!.trim() : text;
  if (/^import\s+\w+$/.test(text)) return { output: '', exit: false };
  const value = pythonValue(expression);
  if (value !== undefined) {
    const string = STRING.exec(expression);
    return { output: print || !string ? `${value}\n` : `'${value}'\n`, exit: false };
  }
  if (/\/\s*0\s*$/.test(expression)) {
    return { output: 'Traceback (most recent call last):\n  File "<python-input-0>", line 1, in <module>\nZeroDivisionError: division by zero\n', exit: false };
  }
  const name = /^([A-Za-z_]\w*)/.exec(expression)?.[1];
  if (name) {
    return { output: `Traceback (most recent call last):\n  File "<python-input-0>", line 1, in <module>\nNameError: name '${name}' is not defined\n`, exit: false };
  }
  return { output: '  File "<python-input-0>", line 1\n    ' + text + '\n    ^\nSyntaxError: invalid syntax\n', exit: false };
}

export function nodeRepl(line: string): ReplResult {
  const text = line.trim().replace(/;$/, '');
  if (text === '') return { output: '', exit: false };
  if (text === '.exit' || /^process\.exit\(\s*\d*\s*\)$/.test(text)) return { output: '', exit: true };
  const log = /^console\.log\((.*)\)$/.exec(text);
  const expression = log ? log[1]!.trim() : text;
  const string = STRING.exec(expression);
  const number = string ? undefined : evaluateArithmetic(expression);
  if (string) return { output: log ? `${string[2]}\nundefined\n` : `'${string[2]}'\n`, exit: false };
  if (number !== undefined) {
    const shown = Number.isNaN(number) ? 'Infinity' : String(number);
    return { output: log ? `${shown}\nundefined\n` : `${shown}\n`, exit: false };
  }
  const name = /^([A-Za-z_$][\w$]*)/.exec(expression)?.[1];
  if (name) return { output: `Uncaught ReferenceError: ${name} is not defined\n`, exit: false };
  return { output: 'Uncaught SyntaxError: Unexpected token\n', exit: false };
}
