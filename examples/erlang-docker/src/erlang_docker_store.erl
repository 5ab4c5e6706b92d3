%% mnesia in the pod's volume. Two tables:
%%   kv     disc_copies on every node of this StatefulSet: replicated state.
%%   boots  local_content, disc_copies: each node's own boot count, which only
%%          its own volume can hold, so reading it back after a restart shows
%%          that the volume came back under the same node name.
%% A fresh volume joins the schema of the StatefulSet's pod 0 (found by
%% discovery); pod 0 creates it. A volume with a schema restarts from it and
%% waits until every table has loaded, which after a full outage needs the
%% other copy holders up: mnesia cannot know which copy is newest.
-module(erlang_docker_store).
-export([start/0, boots/0, tables_loaded/0, put/2, get/1]).

-define(TABLES, [kv, boots]).
-define(WAIT_LOG_MS, 1000).

start() ->
    {ok, Dir} = application:get_env(mnesia, dir),
    case filelib:is_regular(filename:join(Dir, "schema.DAT")) of
        true -> ok = mnesia:start();
        false -> fresh(ordinal(node()))
    end,
    wait_for_tables(),
    count_boot().

%% This node's boot count, read from its own disc copy.
boots() ->
    case mnesia:dirty_read(boots, node()) of
        [{boots, _, N}] -> N;
        [] -> 0
    end.

%% A replicated record: committed on every copy of kv before it answers.
put(Key, Value) ->
    {atomic, ok} = mnesia:sync_transaction(fun() -> mnesia:write({kv, Key, Value}) end),
    ok.

%% This node's copy of a record.
get(Key) ->
    case mnesia:dirty_read(kv, Key) of
        [{kv, _, Value}] -> {ok, Value};
        [] -> error
    end.

tables_loaded() ->
    mnesia:wait_for_tables(?TABLES, 0) =:= ok.

fresh(0) ->
    ok = mnesia:create_schema([node()]),
    ok = mnesia:start(),
    {atomic, ok} = mnesia:create_table(kv, [{disc_copies, [node()]}]),
    {atomic, ok} = mnesia:create_table(boots, [{disc_copies, [node()]}, {local_content, true}]),
    ok;
fresh(_) ->
    ok = mnesia:start(),
    join(seed()).

%% Pod 0 of this StatefulSet, once discovery has connected it.
seed() ->
    case [N || N <- nodes(), ordinal(N) =:= 0, basename(N) =:= basename(node())] of
        [Seed | _] -> Seed;
        [] -> timer:sleep(200), seed()
    end.

join(Seed) ->
    case rpc:call(Seed, ?MODULE, tables_loaded, []) of
        true ->
            {ok, [Seed]} = mnesia:change_config(extra_db_nodes, [Seed]),
            {atomic, ok} = mnesia:change_table_copy_type(schema, node(), disc_copies),
            [{atomic, ok} = mnesia:add_table_copy(T, node(), disc_copies) || T <- ?TABLES],
            ok;
        _ ->
            timer:sleep(200),
            join(Seed)
    end.

%% Blocks until every table is loaded, saying which copies it waits for.
wait_for_tables() ->
    case mnesia:wait_for_tables(?TABLES, ?WAIT_LOG_MS) of
        ok -> ok;
        {timeout, Missing} ->
            Holders = lists:usort(lists:append([mnesia:table_info(T, disc_copies) || T <- Missing])) -- [node()],
            logger:notice("erlang_docker: waiting for tables ~0p, held by ~0p; connected: ~0p", [Missing, Holders, nodes()]),
            wait_for_tables()
    end.

%% Durable before the node reports Ready: a pod may be killed any time after,
%% and mnesia's log is otherwise flushed to the volume only eventually.
count_boot() ->
    N = boots() + 1,
    {atomic, ok} = mnesia:sync_transaction(fun() -> mnesia:write({boots, node(), N}) end),
    ok = mnesia:sync_log(),
    logger:notice("erlang_docker: boot ~b of ~s, tables ~0p loaded", [N, node(), ?TABLES]).

%% The StatefulSet ordinal: the last `-N` of the first label of the host.
ordinal(Node) ->
    [_, Host] = string:split(atom_to_list(Node), "@"),
    [Pod | _] = string:split(Host, "."),
    list_to_integer(lists:last(string:split(Pod, "-", trailing))).

basename(Node) ->
    hd(string:split(atom_to_list(Node), "@")).
