# fish completion for scio-search: commands, options, option values, and the database's own
# speakers, outlets and conference ids (`scio-search __complete`, from the --db on the command line
# or $SCIO_DB). A new command: a `complete ... -a NAME` line and its options with `__scio_search_is NAME`.

function __scio_search_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --db --format --color --speaker --kind --lang --outlet --since --until --conference --sort -n --limit --offset --per-conference --context --by --split --top --plot --width --asked-by --answered-by
                set skip 1
            case '-*'
            case show speakers conferences timeline kwic exchanges
                echo $t
                return
            case '*'
                echo search
                return
        end
    end
end

function __scio_search_is
    set -l command (__scio_search_command)
    contains -- "$command" $argv
end

function __scio_search_values
    set -l tokens (commandline -opc)
    set -l dbs
    for i in (seq 2 (count $tokens))
        if test "$tokens[$i]" = --db; and test $i -lt (count $tokens)
            set -a dbs --db $tokens[(math $i + 1)]
        else if string match -q -- '--db=*' $tokens[$i]
            set -a dbs --db (string replace -- --db= '' $tokens[$i])
        end
    end
    $tokens[1] __complete $dbs $argv[1] 2>/dev/null
end

complete -c scio-search -f
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a show -d 'Print a passage in context'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a speakers -d 'List speakers'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a conferences -d 'List conferences'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a timeline -d 'How often, per period, as bars'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a kwic -d 'Every occurrence in context'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges search' -a exchanges -d 'Rank questions and their answers'

complete -c scio-search -l db -r -F -d 'Database folder, stub file or tcp:HOST:PORT'
complete -c scio-search -n 'not __scio_search_is kwic' -l format -x -a 'text json csv' -d 'Output format'
complete -c scio-search -n '__scio_search_is kwic' -l format -x -a 'text tsv csv json' -d 'Output format'
complete -c scio-search -l color -x -a 'auto always never' -d Colour
complete -c scio-search -l bom -d 'With --format csv: a UTF-8 byte-order mark first'
complete -c scio-search -l no-pager -d 'Never page text output'
complete -c scio-search -s h -l help -d 'Print help'

complete -c scio-search -n 'not __scio_search_is show' -l speaker -x -a '(__scio_search_values speakers)' -d Speaker
complete -c scio-search -n 'not __scio_search_is show' -l kind -x -a 'moderator official reporter unknown' -d 'Speaker kind'
complete -c scio-search -n 'not __scio_search_is show' -l lang -x -a 'zh en' -d 'Passages in this language'
complete -c scio-search -n 'not __scio_search_is show' -l outlet -x -a '(__scio_search_values outlets)' -d 'Media outlet'
complete -c scio-search -n 'not __scio_search_is show' -l since -x -d 'Held on or after (YYYY, YYYY-MM, YYYY-MM-DD)'
complete -c scio-search -n 'not __scio_search_is show' -l until -x -d 'Held on or before (YYYY, YYYY-MM, YYYY-MM-DD)'
complete -c scio-search -n 'not __scio_search_is show' -l conference -x -a '(__scio_search_values conferences)' -d 'Conference id'
complete -c scio-search -n 'not __scio_search_is show timeline kwic exchanges' -l sort -x -a 'relevance newest oldest' -d Order
complete -c scio-search -n 'not __scio_search_is show timeline' -s n -l limit -x -d 'Hits, rows or lines to show'
complete -c scio-search -n 'not __scio_search_is show timeline' -l offset -x -d 'Hits, rows or lines to skip'

complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges' -l per-conference -x -d 'At most N hits per conference'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges' -l exact -d 'Count every match'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges' -l any -d 'Match any of the words'
complete -c scio-search -n 'not __scio_search_is show speakers conferences timeline kwic exchanges' -l version -d 'Print the version'

complete -c scio-search -n '__scio_search_is show' -l context -x -d 'Turns before and after'
complete -c scio-search -n '__scio_search_is show' -l other-language -d 'The version in the other language'
complete -c scio-search -n '__scio_search_is show' -x -a '(__scio_search_values conferences)' -d 'Conference id'

complete -c scio-search -n '__scio_search_is timeline' -l by -x -a 'year quarter month week day' -d 'Period of each bar'
complete -c scio-search -n '__scio_search_is timeline' -l split -x -a 'speaker outlet kind conference' -d 'One series per speaker, outlet, kind or conference'
complete -c scio-search -n '__scio_search_is timeline' -l top -x -d 'With --split: the N largest series'
complete -c scio-search -n '__scio_search_is timeline' -l per-million -d 'Occurrences per million words spoken'
complete -c scio-search -n '__scio_search_is timeline' -l plot -r -F -d 'Also draw the chart into FILE.svg or FILE.png'

complete -c scio-search -n '__scio_search_is kwic' -l sort -x -a 'hit 1L 2L 1R 2R date' -d 'Order of the lines'
complete -c scio-search -n '__scio_search_is kwic' -l width -x -d 'Characters of context each side'

complete -c scio-search -n '__scio_search_is exchanges' -l asked-by -x -a '(__scio_search_values outlets)' -d 'Questions from this outlet'
complete -c scio-search -n '__scio_search_is exchanges' -l answered-by -x -a '(__scio_search_values speakers)' -d 'Answers by this speaker'
complete -c scio-search -n '__scio_search_is exchanges' -l unanswered -d 'Only questions that got no answer'
complete -c scio-search -n '__scio_search_is exchanges' -l any -d 'Match any of the words'
complete -c scio-search -n '__scio_search_is exchanges' -l full -d 'Print both sides whole'
