%% The program each simulated pod's Erlang node runs (started by e2e/erlang.ts
%% with `-eval 'e2e_mesh:main()'`). It pings the peers whose names cluster DNS
%% yields until all of them are connected or a deadline passes, and writes what
%% it saw, as JSON, after every round. It then stays up for its peers until it
%% is killed; the linger time only guards against an orchestrator that died.
%%
%% Config (file:consult terms, path in `-e2e_config`):
%%   {peers, [atom()]}, {deadline_ms, integer()}, {linger_ms, integer()}, {report, string()}.
-module(e2e_mesh).
-export([main/0]).

-define(MIN_PING_WAIT_MS, 1000).

main() ->
    {ok, [[File]]} = init:get_argument(e2e_config),
    {ok, Config} = file:consult(File),
    Get = fun(Key) -> proplists:get_value(Key, Config) end,
    Now = now_ms(),
    State = #{peers => Get(peers), report => Get(report), started => Now,
              deadline => Now + Get(deadline_ms), mesh_at => null},
    Report = Get(report),
    %% A first report at once: the node is up even if a round blocks.
    write(Report, (dist_info())#{node => node(), started_at => Now, mesh_at => null, nodes => [], connections => [], peers => [], final => false}),
    try loop(State)
    catch Class:Reason -> write(Report, #{node => node(), error => iolist_to_binary(io_lib:format("~p:~p", [Class, Reason])), final => true})
    end,
    timer:sleep(Get(linger_ms)),
    halt().

now_ms() -> erlang:system_time(millisecond).

%% One round: resolve and ping every peer, then report.
%% The judgement is made on a settled state: a round ends the loop only when
%% nodes() is full AND every ping of that round answered pong. A ping that
%% races a connection the peer is setting up at the same moment can answer
%% pang although the mesh is complete; such pangs are retried (up to the
%% deadline) and counted as `transient_pangs`, so that the run can say how
%% often it happens.
loop(#{peers := Peers, deadline := Deadline} = State) ->
    Probes = probe_all(Peers, Deadline),
    Connected = nodes(),
    Full = lists:all(fun(P) -> lists:member(P, Connected) end, Peers),
    AllPong = lists:all(fun(#{ping := R}) -> R =:= pong end, Probes),
    MeshAt = case {Full, maps:get(mesh_at, State)} of
                 {true, null} -> now_ms();
                 {_, At} -> At
             end,
    Transient = maps:get(transient, State, 0) + case Full of
                                                    true -> length([P || #{ping := R} = P <- Probes, R =/= pong]);
                                                    false -> 0
                                                end,
    Done = (Full andalso AllPong) orelse now_ms() >= Deadline,
    write(maps:get(report, State),
          (dist_info())#{node => node(), started_at => maps:get(started, State), mesh_at => MeshAt,
                         nodes => Connected, connections => [connection(N) || N <- Connected],
                         peers => Probes, transient_pangs => Transient, final => Done}),
    case Done of
        true -> ok;
        false -> timer:sleep(100), loop(State#{mesh_at := MeshAt, transient => Transient})
    end.

%% How each peer's host resolves (inet:getaddr, i.e. this pod's /etc/hosts and
%% resolv.conf), and whether it answers a ping. The pings run in parallel and
%% are cut off at the deadline (but each gets a second: a round that starts
%% just before the deadline must still see real answers); a handshake with a
%% misnamed node can block for net_setuptime (7 s).
probe_all(Peers, Deadline) ->
    Pings = [{Peer, resolve(Peer), spawn_monitor(fun() -> exit({ping, ping(Peer)}) end)} || Peer <- Peers],
    [#{name => Peer, address => Address, resolve_error => Error, ping => await(Ref, Pid, Deadline)}
     || {Peer, {Address, Error}, {Pid, Ref}} <- Pings].

%% How distribution was started: `-proto_dist` (inet_tls for TLS) and `-ssl_dist_optfile`.
dist_info() ->
    #{proto_dist => argument(proto_dist), ssl_dist_optfile => argument(ssl_dist_optfile)}.

argument(Flag) ->
    case init:get_argument(Flag) of
        {ok, [[Value | _] | _]} -> list_to_binary(Value);
        _ -> null
    end.

%% The carrier of a live connection: #net_address.protocol is tcp for
%% inet_tcp_dist and tls for inet_tls_dist.
connection(Node) ->
    Protocol = case net_kernel:node_info(Node, address) of
                   {ok, {net_address, _Address, _Host, P, _Family}} -> P;
                   _ -> null
               end,
    #{node => Node, protocol => Protocol}.

resolve(Peer) ->
    [_, Host] = string:split(atom_to_list(Peer), "@"),
    case inet:getaddr(Host, inet) of
        {ok, Ip} -> {list_to_binary(inet:ntoa(Ip)), null};
        {error, Reason} -> {null, Reason}
    end.

ping(Peer) ->
    case lists:member(Peer, nodes()) of
        true -> pong;
        false -> net_adm:ping(Peer)
    end.

await(Ref, Pid, Deadline) ->
    receive
        {'DOWN', Ref, process, Pid, {ping, Result}} -> Result;
        {'DOWN', Ref, process, Pid, _} -> pang
    after max(?MIN_PING_WAIT_MS, Deadline - now_ms()) ->
        demonitor(Ref, [flush]),
        exit(Pid, kill),
        timeout
    end.

%% Written to a temporary file and renamed: the reader never sees half a report.
write(Path, Report) ->
    Tmp = Path ++ ".tmp",
    ok = file:write_file(Tmp, json(Report)),
    ok = file:rename(Tmp, Path).

%% A minimal JSON encoder (OTP 25 has no json module): atoms and binaries are strings.
json(null) -> "null";
json(true) -> "true";
json(false) -> "false";
json(N) when is_integer(N) -> integer_to_list(N);
json(A) when is_atom(A) -> json(atom_to_binary(A, utf8));
json(B) when is_binary(B) -> [$", [escape(C) || C <- binary_to_list(B)], $"];
json(L) when is_list(L) -> [$[, lists:join($,, [json(X) || X <- L]), $]];
json(M) when is_map(M) -> [${, lists:join($,, [[json(K), $:, json(V)] || {K, V} <- maps:to_list(M)]), $}].

escape($") -> "\\\"";
escape($\\) -> "\\\\";
escape(C) when C < 32 -> io_lib:format("\\u~4.16.0B", [C]);
escape(C) -> C.
