# SPDX-License-Identifier: BSD-2-Clause
# fish completion for dhcpdiag. The words come from the binary itself
# (`dhcpdiag --complete-words KIND`), so they cannot drift from its tables.
# The rules follow completions/dhcpdiag.bash case by case: one function decides
# what goes at the cursor, a second one says when that is a file name.

function __dhcpdiag_words
    command dhcpdiag --complete-words $argv[1] 2>/dev/null
end

# the words from the command word on: the command is the first word after dhcpdiag
# that is neither a flag nor a flag's value (prints nothing when there is none yet)
function __dhcpdiag_cmdwords
    set -l words (commandline -opc)
    set -e words[1]
    set -l vf (__dhcpdiag_words value-flags)
    set -l skip 0
    for i in (seq (count $words))
        if test $skip = 1
            set skip 0
            continue
        end
        switch $words[$i]
            case -i -c -f -w
                set skip 1
            case '--*'
                contains -- $words[$i] $vf; and set skip 1
            case '-*'
            case '*'
                printf '%s\n' $words[$i..-1]
                return 0
        end
    end
    return 1
end

# the command word
function __dhcpdiag_cmd
    set -l w (__dhcpdiag_cmdwords); or return 1
    echo $w[1]
end

# KEY when the word at the cursor is the value of `set KEY`
function __dhcpdiag_set_key
    set -l w (__dhcpdiag_cmdwords); or return 1
    test (count $w) -eq 2 -a "$w[1]" = set; or return 1
    echo $w[2]
end

# the values of a setting (wait: quiet first ..., option: option names); file names are
# left to __dhcpdiag_wants_files
function __dhcpdiag_values
    contains -- $argv[1] (__dhcpdiag_words file-settings); and return
    __dhcpdiag_words values:$argv[1]
end

# true when the word at the cursor is a file name: after -f, the value of a setting
# that names a file (--write, set write), or an argument of a command that reads or
# writes files (decode, save, ...)
function __dhcpdiag_wants_files
    set -l words (commandline -opc)
    switch $words[-1]
        case -f -w -r
            return 0
        case -i --interface -c
            return 1
    end
    string match -q -- '-*' (commandline -ct); and return 1
    if contains -- $words[-1] (__dhcpdiag_words value-flags)
        contains -- (string sub -s 3 -- $words[-1]) (__dhcpdiag_words file-settings)
        return
    end
    if set -l key (__dhcpdiag_set_key)
        contains -- $key (__dhcpdiag_words file-settings)
        return
    end
    set -l cmd (__dhcpdiag_cmd); or return 1
    contains -- $cmd (__dhcpdiag_words file-commands)
end

# the candidates for the word at the cursor (file names excepted)
function __dhcpdiag_complete
    set -l words (commandline -opc)
    set -l prev $words[-1]
    set -l cur (commandline -ct)
    switch $prev
        case -i --interface
            for i in (__fish_print_interfaces)
                printf '%s\tinterface\n' $i
            end
            return
        case -f -c -w -r
            return
    end
    # a setting flag that takes a value: the setting's values
    if contains -- $prev (__dhcpdiag_words value-flags)
        __dhcpdiag_values (string sub -s 3 -- $prev)
        return
    end

    set -l cmd (__dhcpdiag_cmd)
    if string match -q -- '-*' $cur
        if test -z "$cmd"
            for f in (__dhcpdiag_words global-flags)
                switch $f
                    case -c
                        printf '%s\t%s\n' $f 'run these commands'
                    case -f
                        printf '%s\t%s\n' $f 'run a script file'
                    case --keep-going
                        printf '%s\t%s\n' $f 'do not stop at the first failing command'
                    case -V --version
                        printf '%s\t%s\n' $f 'the version, and those of libpcap, readline, ncurses'
                    case -h --help
                        printf '%s\t%s\n' $f 'a short usage summary'
                    case '*'
                        echo $f
                end
            end
            __dhcpdiag_words flags
        else
            __dhcpdiag_words flags:$cmd
        end
        return
    end
    if test -z "$cmd"
        __dhcpdiag_words commands
        return
    end
    switch $cmd
        case show
            test "$prev" = show; and __dhcpdiag_words show
        case option
            if test "$prev" = option
                __dhcpdiag_words option
            else
                __dhcpdiag_words options
            end
        case set unset
            # set KEY VALUE, unset KEY
            set -l w (__dhcpdiag_cmdwords)
            if test (count $w) -eq 1
                __dhcpdiag_words settings
            else if set -l key (__dhcpdiag_set_key)
                __dhcpdiag_values $key
            end
        case help
            __dhcpdiag_words commands
        case '*'
            contains -- $cmd (__dhcpdiag_words option-commands); and __dhcpdiag_words options
    end
end

complete -c dhcpdiag -f -a '(__dhcpdiag_complete)'
complete -c dhcpdiag -n __dhcpdiag_wants_files -F
