#!KAMAILIO
#
# Dialbar test lab registrar/proxy. Generated per run by test/lab/kamailio.ts:
# every double-at placeholder is substituted before Kamailio sees this file.
# SIP over WebSocket on ws://127.0.0.1:@@WS_PORT@@ (plus JSON-RPC at /RPC on the same port),
# plain SIP on udp:127.0.0.1:@@UDP_PORT@@. Users and passwords live in an in-memory htable,
# bindings in usrloc memory (no database). Lines starting with "LAB|" on stderr are parsed
# by the controller (register log, invite log).
# With WITH_RTPENGINE defined (kamailio -A, test/lab/kamailio.ts rtpengineNgPort), calls to the
# user @@RTPENGINE_USER@@ (a plain-RTP phone such as baresip) have their media anchored by rtpengine:
# WebRTC (DTLS-SRTP, ICE, rtcp-mux) toward the browser, plain RTP/AVP toward the phone. Every
# other call stays browser-to-browser, untouched.

debug=1
log_stderror=yes
memdbg=5
memlog=5
log_facility=LOG_LOCAL0
fork=yes
children=2
tcp_children=3
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=no
alias="127.0.0.1"
alias="127.0.0.1:@@WS_PORT@@"
alias="127.0.0.1:@@UDP_PORT@@"

listen=udp:127.0.0.1:@@UDP_PORT@@
listen=tcp:127.0.0.1:@@WS_PORT@@

tcp_connection_lifetime=3605
tcp_accept_no_cl=yes
tcp_rd_buf_size=16384

loadpath "@@MODPATH@@"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "auth.so"
loadmodule "htable.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "jsonrpcs.so"
#!ifdef WITH_RTPENGINE
loadmodule "rtpengine.so"
modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:@@RTPENGINE_NG_PORT@@")
#!endif

# JSON-RPC only over HTTP (xhttp); no FIFO or datagram socket in /run.
modparam("jsonrpcs", "transport", 1)
modparam("jsonrpcs", "pretty_format", 0)

modparam("tm", "fr_timer", 10000)
modparam("tm", "fr_inv_timer", 60000)

modparam("rr", "enable_full_lr", 0)
modparam("rr", "append_fromtag", 1)

modparam("usrloc", "db_mode", 0)
modparam("usrloc", "timer_interval", 2)
modparam("usrloc", "handle_lost_tcp", @@HANDLE_LOST_TCP@@)
modparam("usrloc", "close_expired_tcp", @@HANDLE_LOST_TCP@@)

modparam("registrar", "method_filtering", 1)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "min_expires", @@MIN_EXPIRES@@)
modparam("registrar", "gruu_enabled", 0)

modparam("auth", "nonce_expire", 300)

modparam("htable", "htable", "users=>size=4;")
# Lab faults, set over RPC by tests (Kamailio.setRegisterFault): register=<code> answers every REGISTER with it.
modparam("htable", "htable", "faults=>size=2;")

modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("nathelper|registrar", "received_avp", "$avp(RECEIVED)")

modparam("websocket", "keepalive_mechanism", 0)

# Bit flags.
#!define FLT_NATS 5
#!define FLB_NATB 6
#!define FLT_RTPE 7

event_route[htable:mod-init] {
@@USERS@@
}

request_route {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (!sanity_check("17895", "7")) {
		xlog("L_WARN", "LAB|MALFORMED|t=$TV(Sn)|src=$si:$sp|method=$rm\n");
		exit;
	}

	route(NATDETECT);

	if (is_method("CANCEL")) {
		if (t_check_trans()) {
			route(MEDIA_END);
			route(RELAY);
		}
		exit;
	}

	if (!is_method("ACK")) {
		if (t_precheck_trans()) {
			t_check_trans();
			exit;
		}
		t_check_trans();
	}

	route(WITHINDLG);

	# Out-of-dialog from here on.
	remove_hf("Route");
	if (is_method("INVITE|SUBSCRIBE|REFER")) {
		record_route();
	}

	if (is_method("REGISTER")) {
		route(REGISTRAR);
		exit;
	}

	route(AUTH);

	if (is_method("INVITE")) {
		xlog("L_NOTICE", "LAB|INVITE|t=$TV(Sn)|from=$fU|to=$rU|callid=$ci|replaces=$hdr(Replaces)|src=$pr:$si:$sp\n");
	}

	if ($rU == $null) {
		sl_send_reply("484", "Address Incomplete");
		exit;
	}

	route(LOCATION);
}

# A new call to the rtpengine user (found in the location table): mark the dialog (Record-Route parameter) and hand the
# browser's offer to rtpengine, which offers plain RTP (no ICE, no DTLS, no rtcp-mux) to the phone.
route[MEDIA] {
#!ifdef WITH_RTPENGINE
	if (!is_method("INVITE") || $tU != "@@RTPENGINE_USER@@") return;
	add_rr_param(";rtpe=yes");
	route(MEDIA_OFFER);
#!endif
	return;
}

route[MEDIA_OFFER] {
#!ifdef WITH_RTPENGINE
	setflag(FLT_RTPE);
	if (has_body("application/sdp")) {
		if (!rtpengine_offer("replace-origin replace-session-connection ICE=remove DTLS=off SDES-off rtcp-mux-demux RTP/AVP")) {
			xlog("L_WARN", "LAB|RTPENGINE-FAILED|t=$TV(Sn)|method=$rm|callid=$ci\n");
			sl_send_reply("503", "Media relay unavailable");
			exit;
		}
		xlog("L_NOTICE", "LAB|RTPENGINE-OFFER|t=$TV(Sn)|method=$rm|callid=$ci\n");
	}
#!endif
	return;
}

# rtpengine answers the browser for the phone: DTLS-SRTP and ICE as WebRTC needs, the DTLS role
# left to rtpengine (forcing passive deadlocks a pre-warmed peer connection's handshake).
route[MEDIA_ANSWER] {
#!ifdef WITH_RTPENGINE
	if (!isflagset(FLT_RTPE) || !has_body("application/sdp")) return;
	if (rtpengine_answer("replace-origin replace-session-connection ICE=force rtcp-mux-require UDP/TLS/RTP/SAVPF")) {
		xlog("L_NOTICE", "LAB|RTPENGINE-ANSWER|t=$TV(Sn)|code=$rs|callid=$ci\n");
	} else {
		xlog("L_WARN", "LAB|RTPENGINE-FAILED|t=$TV(Sn)|code=$rs|callid=$ci\n");
	}
#!endif
	return;
}

route[MEDIA_END] {
#!ifdef WITH_RTPENGINE
	if (isflagset(FLT_RTPE) || (is_method("CANCEL") && $tU == "@@RTPENGINE_USER@@")) {
		rtpengine_delete();
	}
#!endif
	return;
}

route[RELAY] {
	if (is_method("INVITE|BYE|SUBSCRIBE|UPDATE|CANCEL|REFER|MESSAGE|INFO|OPTIONS|NOTIFY|PRACK")) {
		if (!t_is_set("onreply_route")) t_on_reply("MANAGE_REPLY");
	}
	if (is_method("INVITE")) {
		if (!t_is_set("failure_route")) t_on_failure("MANAGE_FAILURE");
	}
	if (!t_relay()) {
		xlog("L_WARN", "LAB|RELAY-FAILED|t=$TV(Sn)|method=$rm|ruri=$ru|du=$du|callid=$ci\n");
		sl_reply_error();
	}
	exit;
}

route[WITHINDLG] {
	if (!has_totag()) return;

	if (loose_route()) {
		if (!isdsturiset()) {
			handle_ruri_alias();
		}
		if (is_method("BYE")) {
			xlog("L_NOTICE", "LAB|BYE|t=$TV(Sn)|from=$fU|callid=$ci|src=$pr:$si:$sp\n");
#!ifdef WITH_RTPENGINE
			if (check_route_param("rtpe=yes")) setflag(FLT_RTPE);
#!endif
			route(MEDIA_END);
		}
#!ifdef WITH_RTPENGINE
		# A re-INVITE from the browser (hold, resume) of an anchored call: same offer and answer.
		if (is_method("INVITE") && check_route_param("rtpe=yes") && $pr == "ws") {
			route(MEDIA_OFFER);
		}
#!endif
		# Transfers: the REFER (Refer-To names the target, ?Replaces= for attended) and its NOTIFYs.
		if (is_method("REFER")) {
			xlog("L_NOTICE", "LAB|REFER|t=$TV(Sn)|from=$fU|to=$tU|callid=$ci|referto=$hdr(Refer-To)|src=$pr:$si:$sp\n");
		}
		if (is_method("NOTIFY")) {
			xlog("L_NOTICE", "LAB|NOTIFY|t=$TV(Sn)|from=$fU|to=$tU|callid=$ci|event=$hdr(Event)\n");
		}
		if (is_method("ACK")) {
			route(NATMANAGE);
		}
		route(RELAY);
		exit;
	}

	if (is_method("ACK")) {
		if (t_check_trans()) {
			route(RELAY);
			exit;
		}
		exit;
	}
	sl_send_reply("404", "Not here");
	exit;
}

# Every request that arrives over WebSocket is treated as NATed: the Contact of a WS client
# (xxxx.invalid;transport=ws) is unreachable, so the registrar stores the source socket and
# in-dialog contacts carry an ;alias= with the real connection.
route[NATDETECT] {
	force_rport();
	if (nat_uac_test("64") || nat_uac_test("19")) {
		if (is_method("REGISTER")) {
			fix_nated_register();
		} else if (is_first_hop()) {
			add_contact_alias();
		}
		setflag(FLT_NATS);
	}
	return;
}

route[NATMANAGE] {
	if (is_request()) {
		if (has_totag()) {
			if (check_route_param("nat=yes")) {
				setbflag(FLB_NATB);
			}
		}
	}
	if (!(isflagset(FLT_NATS) || isbflagset(FLB_NATB))) return;
	if (is_request()) {
		if (!has_totag()) {
			if (t_is_branch_route()) {
				add_rr_param(";nat=yes");
			}
		}
	}
	if (is_reply()) {
		add_contact_alias();
	}
	return;
}

route[AUTH] {
	# Requests from local users (From domain is ours) are authenticated.
	if (is_method("ACK|CANCEL|PRACK")) return;
	if (!(from_uri == myself)) {
		sl_send_reply("403", "Not relaying");
		exit;
	}
	if (!is_present_hf("Proxy-Authorization") || $sht(users=>$au) == $null
			|| !pv_proxy_authenticate("$fd", "$sht(users=>$au)", "0")) {
		xlog("L_NOTICE", "LAB|AUTH-CHALLENGE|t=$TV(Sn)|method=$rm|from=$fU|au=$au|callid=$ci\n");
		proxy_challenge("$fd", "0");
		exit;
	}
	if ($au != $fU) {
		sl_send_reply("403", "Forbidden auth ID");
		exit;
	}
	consume_credentials();
	return;
}

route[REGISTRAR] {
	xlog("L_NOTICE", "LAB|REGISTER|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|expires=$hdr(Expires)|src=$pr:$si:$sp|contact=$ct\n");
	if ($sht(faults=>register) != $null) {
		sl_send_reply("$sht(faults=>register)", "Lab fault");
		xlog("L_NOTICE", "LAB|REGISTER-REPLY|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|code=$sht(faults=>register)\n");
		exit;
	}
	if (!is_present_hf("Authorization") || $sht(users=>$au) == $null
			|| !pv_www_authenticate("$td", "$sht(users=>$au)", "0")) {
		www_challenge("$td", "0");
		xlog("L_NOTICE", "LAB|REGISTER-REPLY|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|code=401\n");
		exit;
	}
	if ($au != $tU) {
		sl_send_reply("403", "Forbidden auth ID");
		xlog("L_NOTICE", "LAB|REGISTER-REPLY|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|code=403\n");
		exit;
	}
	consume_credentials();
	if (isflagset(FLT_NATS)) {
		setbflag(FLB_NATB);
	}
	if (!save("location")) {
		xlog("L_NOTICE", "LAB|REGISTER-REPLY|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|code=500\n");
		sl_reply_error();
		exit;
	}
	xlog("L_NOTICE", "LAB|REGISTER-REPLY|t=$TV(Sn)|user=$tU|callid=$ci|cseq=$cs|code=200|expires=$hdr(Expires)|contact=$ct\n");
	exit;
}

route[LOCATION] {
	if (!lookup("location")) {
		$var(rc) = $rc;
		t_newtran();
		switch ($var(rc)) {
			case -1:
			case -3:
				xlog("L_NOTICE", "LAB|NOT-FOUND|t=$TV(Sn)|method=$rm|to=$rU|callid=$ci\n");
				send_reply("404", "Not Found");
				exit;
			case -2:
				send_reply("405", "Method Not Allowed");
				exit;
		}
	}
	route(NATMANAGE);
	route(MEDIA);
	route(RELAY);
	exit;
}

onreply_route[MANAGE_REPLY] {
	if (is_method("INVITE")) {
		xlog("L_NOTICE", "LAB|REPLY|t=$TV(Sn)|method=$rm|code=$rs|callid=$ci|src=$pr:$si:$sp\n");
	}
	if (status =~ "[12][0-9][0-9]") {
		route(NATMANAGE);
		if (is_method("INVITE")) route(MEDIA_ANSWER);
	}
}

failure_route[MANAGE_FAILURE] {
	route(MEDIA_END);
	if (t_is_canceled()) exit;
	xlog("L_NOTICE", "LAB|FAILURE|t=$TV(Sn)|method=$rm|code=$T_reply_code|callid=$ci\n");
}

event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();
	if ($hu =~ "^/RPC") {
		jsonrpc_dispatch();
		exit;
	}
	if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
		if (ws_handle_handshake()) {
			exit;
		}
	}
	xhttp_reply("404", "Not Found", "text/plain", "not found\n");
}

event_route[websocket:closed] {
	xlog("L_NOTICE", "LAB|WS-CLOSED|t=$TV(Sn)|src=$si:$sp\n");
}
