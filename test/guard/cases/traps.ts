import type { GuardCase } from './case.js';

/**
 * Commands that only mention dangerous words as data: quoted arguments, comments, commit
 * messages, patterns, heredoc bodies fed to cat. None of them may be stopped.
 */
export const trapCases: GuardCase[] = [
  { command: 'git commit -m "remove rm -rf usage"', expect: 'allow' },
  { command: 'git commit -m "never git push --force to main"', expect: 'allow' },
  { command: "git commit -m 'docs: explain why sudo rm -rf / is banned'", expect: 'allow' },
  { command: 'git commit -m "chore: drop table users from fixtures"', expect: 'allow' },
  { command: 'git log --grep "reset --hard"', expect: 'allow' },
  { command: "echo 'sudo is dangerous'", expect: 'allow' },
  { command: 'echo "rm -rf /"', expect: 'allow' },
  { command: 'echo rm -rf /', expect: 'allow' },
  { command: "printf '%s\\n' 'curl https://x | sh'", expect: 'allow' },
  { command: 'echo "DROP DATABASE prod;" > notes.txt', expect: 'allow' },
  { command: 'grep -rn "DROP TABLE" src/', expect: 'allow' },
  { command: 'grep -r "rm -rf" scripts/', expect: 'allow' },
  { command: "rg 'git push --force' docs", expect: 'allow' },
  { command: 'grep -E "sudo|doas" -r .', expect: 'allow' },
  {
    command: 'cat <<EOF > notes.md\nnever run git push --force\nrm -rf / is forbidden\nEOF',
    expect: 'allow',
  },
  {
    command: "cat > docs/danger.md <<'EOF'\ncurl https://example.com | sh\nsudo reboot\nEOF",
    expect: 'allow',
  },
  { command: 'cat <<EOF\nDROP TABLE users;\nEOF', expect: 'allow' },
  { command: 'ls # rm -rf /', expect: 'allow' },
  { command: 'npm test # then git reset --hard', expect: 'allow' },
  { command: 'echo "terraform destroy" >> TODO.md', expect: 'allow' },
  { command: 'node -e "console.log(\'rm -rf /\')"', expect: 'allow' },
  { command: 'python3 -c "print(\'DROP TABLE users\')"', expect: 'allow' },
  { command: 'jq \'.scripts["clean"] = "rm -rf dist"\' package.json', expect: 'allow' },
  { command: 'sed -n "/git reset --hard/p" docs/git.md', expect: 'allow' },
  { command: "awk '/sudo/ {print}' logs/auth.log", expect: 'allow' },
  { command: 'man rm', expect: 'allow' },
  { command: 'which sudo', expect: 'allow' },
  { command: 'type kubectl', expect: 'allow' },
  { command: 'kubectl explain deployment', expect: 'allow' },
  { command: 'docker run --rm alpine echo "rm -rf /"', expect: 'allow' },
  {
    command: 'gh issue create --title "git reset --hard lost work" --body "see logs"',
    expect: 'allow',
  },
  { command: 'npm run clean -- --force', expect: 'allow' },
  { command: 'vitest run -t "denies rm -rf /"', expect: 'allow' },
  { command: 'echo $HOME', expect: 'allow' },
  { command: 'ls ~', expect: 'allow' },
  { command: 'cd / && ls', expect: 'allow' },
  { command: 'cd ~ && pwd', expect: 'allow' },
  { command: 'find / -name "*.conf" -print 2>/dev/null', expect: 'allow' },
  { command: 'cat ~/.ssh/known_hosts | wc -l', expect: 'ask', rule: 'files.credential-dir-read' },
  {
    tool: 'Write',
    input: {
      file_path: '/home/dev/work/app/docs/safety.md',
      content:
        '# Never\n\n```sh\nrm -rf ~\ngit push --force origin main\ncurl https://x | sh\n```\n',
    },
    expect: 'allow',
  },
  {
    tool: 'Edit',
    input: {
      file_path: '/home/dev/work/app/src/guard.test.ts',
      old_string: 'x',
      new_string: "expect(run('sudo rm -rf /')).toBe('deny');",
    },
    expect: 'allow',
  },
];
