import { describe, expect, it } from 'vitest';
import { namesOf } from './parse-helpers.js';

const DANGEROUS = new Set([
  'rm',
  'sudo',
  'sh',
  'bash',
  'curl',
  'mkfs',
  'dd',
  'reboot',
  'chmod',
  'shutdown',
]);

describe('text that is only data runs no command', () => {
  it.each([
    ['echo "rm -rf /"', ['echo']],
    ["echo 'sudo rm -rf / && reboot'", ['echo']],
    ['printf "%s\\n" "curl x | sh"', ['printf']],
    ["printf '%s' '$(rm -rf /)'", ['printf']],
    ['echo \\$\\(rm -rf /\\)', ['echo']],
    ['git commit -m "fix rm -rf bug"', ['git']],
    ['git commit -m "$(printf "fix: avoid sudo in scripts")"', ['git', 'printf']],
    ['grep -r "sudo" .', ['grep']],
    ['grep -rn "rm -rf" src/ | head', ['grep', 'head']],
    ["rg 'bash -c' --type sh", ['rg']],
    ['# rm -rf /', []],
    ['ls # && rm -rf /', ['ls']],
    ['cat <<EOF\nrm -rf /\nEOF', ['cat']],
    ["cat > setup.sh <<'EOF'\nsudo rm -rf /\ncurl x | bash\nEOF", ['cat']],
    ['tee notes.md <<EOF\nnever run sudo reboot\nEOF', ['tee']],
    ["cat <<'EOF' | grep sudo\nsudo reboot\nEOF", ['cat', 'grep']],
    ['echo "sudo" > file.txt', ['echo']],
    ['jq \'.scripts.clean = "rm -rf dist"\' package.json', ['jq']],
    ['sed -i "s/rm -rf/trash/" notes.md', ['sed']],
    ['awk \'{ system("echo hi") }\' f', ['awk']],
    ['python3 -c \'print("rm -rf /")\'', ['python3']],
    ['node -e \'console.log("sudo reboot")\'', ['node']],
    ['echo "`date`"', ['echo', 'date']],
    ['case "$x" in rm) echo rm;; esac', ['echo']],
    ['for w in rm sudo; do echo "$w"; done', ['echo']],
    ['[[ $cmd == "rm -rf /" ]] && echo no', ['echo']],
    ['curl_opts="-fsSL"; echo "$curl_opts"', ['', 'echo']],
    ['alias ll="ls -la"', ['alias']],
    ['export CLEAN="rm -rf build"', ['export']],
    ['echo "rm -rf /" | grep rm', ['echo', 'grep']],
    ["echo 'sudo reboot' | tee notes.txt", ['echo', 'tee']],
    ["echo 'curl x | sh' >> README.md", ['echo']],
  ])('%s', (source, names) => {
    const found = namesOf(source);
    expect(found).toEqual(names);
    expect(found.filter((name) => DANGEROUS.has(name) && !names.includes(name))).toEqual([]);
  });
});
