# SPDX-License-Identifier: BSD-2-Clause
# fish completion for dhcpdiag. The words come from the binary itself
# (`dhcpdiag --complete-words KIND`), so they cannot drift from its tables.

function __dhcpdiag_words
    command dhcpdiag --complete-words $argv[1] 2>/dev/null
end

# true when no command word has been typed yet
function __dhcpdiag_no_command
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    set -l vf (__dhcpdiag_words value-flags)
    for w in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case -i -c -f
                set skip 1
            case '--*'
                contains -- $w $vf; and set skip 1
            case '-*'
            case '*'
                return 1
        end
    end
    return 0
end

function __dhcpdiag_command_is
    set -l words (commandline -opc)
    contains -- $argv[1] $words
end

# the typed words include a command of this list (file-commands, option-commands)
function __dhcpdiag_takes
    set -l words (commandline -opc)
    for c in (__dhcpdiag_words $argv[1])
        contains -- $c $words; and return 0
    end
    return 1
end

complete -c dhcpdiag -f
complete -c dhcpdiag -n __dhcpdiag_no_command -a '(__dhcpdiag_words commands)'
complete -c dhcpdiag -s i -x -a '(__fish_print_interfaces)' -d interface
complete -c dhcpdiag -s c -x -d 'run these commands'
complete -c dhcpdiag -s f -r -F -d 'run a script file'
complete -c dhcpdiag -l keep-going -d 'do not stop at the first failing command'
complete -c dhcpdiag -l json -d 'JSON output'
complete -c dhcpdiag -l text -d 'text output'
complete -c dhcpdiag -s h -l help -d help
complete -c dhcpdiag -l version -d version
complete -c dhcpdiag -n 'not __dhcpdiag_no_command; and string match -q -- "-*" (commandline -ct)' \
    -a '(__dhcpdiag_words flags)'
complete -c dhcpdiag -n '__dhcpdiag_command_is show' -a '(__dhcpdiag_words show)'
complete -c dhcpdiag -n '__dhcpdiag_command_is option' -a '(__dhcpdiag_words option) (__dhcpdiag_words options)'
complete -c dhcpdiag -n '__dhcpdiag_takes option-commands' -a '(__dhcpdiag_words options)'
complete -c dhcpdiag -n '__dhcpdiag_command_is set; or __dhcpdiag_command_is unset' -a '(__dhcpdiag_words settings)'
complete -c dhcpdiag -n '__dhcpdiag_command_is help' -a '(__dhcpdiag_words commands)'
complete -c dhcpdiag -n '__dhcpdiag_takes file-commands' -F
