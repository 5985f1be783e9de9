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
            case --db -j --jobs --shards --format --archive --since --delay --timeout --retries --contact
                set skip 1
            case '-*'
            case inspect stats compact fetch
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

complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch index' -a inspect -d 'Parse files and print their conferences'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch index' -a stats -d 'What the database holds'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch index' -a compact -d 'Merge into one compact database'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch index' -a fetch -d 'Download new pages from listings and index them'

complete -c scio-index -s h -l help -d 'Print help'
complete -c scio-index -n 'not __scio_index_is inspect' -l db -x -a '(__fish_complete_directories)' -d 'Database folder'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -s j -l jobs -x -d 'Parser threads'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l shards -x -d 'A new database of N shards'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l prune -d 'Remove what came from files now gone'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l strict -d 'Stop at the first bad input'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l retry-failed -d 'Read again the files that failed earlier'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l dry-run -d 'List what would change; write nothing'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -s q -l quiet -d 'No progress or summary line'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -s v -l verbose -d 'Name each copy of a page already indexed'
complete -c scio-index -n 'not __scio_index_is inspect stats compact fetch' -l version -d 'Print the version'
complete -c scio-index -n '__scio_index_is inspect' -l format -x -a 'json xml' -d 'Output format'
complete -c scio-index -n '__scio_index_is compact' -l read-only -d 'Leave out the termlists'
complete -c scio-index -n '__scio_index_is stats' -f
complete -c scio-index -n '__scio_index_is fetch' -f
complete -c scio-index -n '__scio_index_is fetch' -l archive -x -a '(__fish_complete_directories)' -d 'Folder of saved pages'
complete -c scio-index -n '__scio_index_is fetch' -l since -x -d 'No listing item older than this date (YYYY-MM-DD)'
complete -c scio-index -n '__scio_index_is fetch' -l dry-run -d 'List what would be fetched; save and index nothing'
complete -c scio-index -n '__scio_index_is fetch' -l delay -x -d 'Seconds between two requests to one host'
complete -c scio-index -n '__scio_index_is fetch' -l timeout -x -d 'Seconds for one request before it is retried'
complete -c scio-index -n '__scio_index_is fetch' -l retries -x -d 'Retries after a timeout, 429 or 5xx'
complete -c scio-index -n '__scio_index_is fetch' -l contact -x -d 'URL or e-mail address for the User-Agent'
complete -c scio-index -n '__scio_index_is fetch' -s q -l quiet -d 'No progress or summary lines'
complete -c scio-index -n '__scio_index_is fetch' -s v -l verbose -d 'Name each copy of a page already indexed'
