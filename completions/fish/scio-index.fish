# fish completion for scio-index: commands, options, option values, files and folders to index.
# A new command: a `complete ... -a NAME` line and its options with `__scio_index_is NAME`.

function __scio_index_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --db -j --jobs --shards --format
                set skip 1
            case '-*'
            case inspect stats compact
                echo $t
                return
            case '*'
                echo index
                return
        end
    end
end

function __scio_index_is
    set -l command (__scio_index_command)
    contains -- "$command" $argv
end

complete -c scio-index -n 'not __scio_index_is inspect stats compact index' -a inspect -d 'Parse files and print their conferences'
complete -c scio-index -n 'not __scio_index_is inspect stats compact index' -a stats -d 'What the database holds'
complete -c scio-index -n 'not __scio_index_is inspect stats compact index' -a compact -d 'Merge into one compact database'

complete -c scio-index -s h -l help -d 'Print help'
complete -c scio-index -n 'not __scio_index_is inspect' -l db -x -a '(__fish_complete_directories)' -d 'Database folder'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -s j -l jobs -x -d 'Parser threads'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -l shards -x -d 'A new database of N shards'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -l prune -d 'Remove what came from files now gone'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -l strict -d 'Stop at the first bad input'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -l dry-run -d 'List what would change; write nothing'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -s q -l quiet -d 'No progress or summary line'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -s v -l verbose -d 'Name each copy of a page already indexed'
complete -c scio-index -n 'not __scio_index_is inspect stats compact' -l version -d 'Print the version'
complete -c scio-index -n '__scio_index_is inspect' -l format -x -a 'json xml' -d 'Output format'
complete -c scio-index -n '__scio_index_is compact' -l read-only -d 'Leave out the termlists'
complete -c scio-index -n '__scio_index_is stats' -f
