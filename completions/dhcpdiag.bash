# SPDX-License-Identifier: BSD-2-Clause
# bash completion for dhcpdiag. The words come from the binary itself
# (`dhcpdiag --complete-words KIND`), so they cannot drift from its tables.

_dhcpdiag_words() {
	"${COMP_WORDS[0]}" --complete-words "$1" 2>/dev/null
}

# the values of setting $1 (wait: quiet first ..., option: option names), or file names
_dhcpdiag_values() {
	if _dhcpdiag_words file-settings | grep -qx -- "$1"; then
		COMPREPLY=($(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -W "$(_dhcpdiag_words "values:$1")" -- "$cur"))
	fi
}

_dhcpdiag() {
	local cur prev cmd ci i w
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	case $prev in
	-i | --interface)
		COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
		return
		;;
	-f | -w | -r)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	-c)
		return
		;;
	esac
	# a setting flag that takes a value: the setting's values
	if [[ $prev == --* ]] && _dhcpdiag_words value-flags | grep -qx -- "$prev"; then
		_dhcpdiag_values "${prev#--}"
		return
	fi

	# the command is the first word that is neither a flag nor a flag's value
	cmd=
	local vf
	vf=" $(_dhcpdiag_words value-flags | tr '\n' ' ') "
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-i | -c | -f | -w) ((i++)) ;;
		--*) [[ $vf == *" $w "* ]] && ((i++)) ;;
		-*) ;;
		*)
			cmd=$w ci=$i
			break
			;;
		esac
	done

	if [[ $cur == -* ]]; then
		if [ -z "$cmd" ]; then
			COMPREPLY=($(compgen -W "$(_dhcpdiag_words global-flags) $(_dhcpdiag_words flags)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_dhcpdiag_words "flags:$cmd")" -- "$cur"))
		fi
		return
	fi
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$(_dhcpdiag_words commands)" -- "$cur"))
		return
	fi
	case $cmd in
	show) [ "$prev" = show ] && COMPREPLY=($(compgen -W "$(_dhcpdiag_words show)" -- "$cur")) ;;
	option) [ "$prev" = option ] && COMPREPLY=($(compgen -W "$(_dhcpdiag_words option)" -- "$cur")) ||
		COMPREPLY=($(compgen -W "$(_dhcpdiag_words options)" -- "$cur")) ;;
	set | unset)
		# set KEY VALUE, unset KEY
		if ((COMP_CWORD == ci + 1)); then
			COMPREPLY=($(compgen -W "$(_dhcpdiag_words settings)" -- "$cur"))
		elif [ "$cmd" = set ] && ((COMP_CWORD == ci + 2)); then
			_dhcpdiag_values "${COMP_WORDS[ci + 1]}"
		fi
		;;
	help) COMPREPLY=($(compgen -W "$(_dhcpdiag_words commands)" -- "$cur")) ;;
	*)
		if _dhcpdiag_words option-commands | grep -qx -- "$cmd"; then
			COMPREPLY=($(compgen -W "$(_dhcpdiag_words options)" -- "$cur"))
		elif _dhcpdiag_words file-commands | grep -qx -- "$cmd"; then
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		;;
	esac
}
complete -F _dhcpdiag dhcpdiag
