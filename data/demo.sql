-- demo.sql - a demo city for Quartier: Strasbourg and four of its quartiers,
-- with residents, a lively wall and a pinned announcement.
--
-- `quartier-admin init --demo` runs this file (embedded in the program) in
-- one transaction on a freshly created, empty database, so it holds data
-- only.  Every time is written relative to the moment it is loaded
-- (quartier_now(): the clock, or QUARTIER_FAKE_NOW, so that the golden
-- screens of tests/ui/golden.sh are the same every day), so the demo
-- always looks current: residents arrived about two months ago, the
-- wall spans the last three weeks and a few posts and replies are from the
-- last day, after everyone's last visit, so they show as unread.
--
-- Every demo account has the password: voisinage
--
--   handle        name                             quartier   role       status
--   marie         Marie Lefèvre                    Krutenau   moderator  verified
--   karim         Karim Benali                     Krutenau   resident   verified
--   odile         Odile Schmitt (75 years old)     Krutenau   resident   verified
--   lucas         Lucas Muller                     Krutenau   resident   verified
--   sophie        Sophie Martin                    Krutenau   resident   verified
--   csc-krutenau  Centre socio-culturel Krutenau   Krutenau   helper     verified
--   jean          Jean Weber                       Neudorf    resident   verified
--   amelie        Amélie Roux                      Neudorf    resident   verified
--   hugo          Hugo Fischer                     Neudorf    resident   pending
--   nadia         Nadia Haddad                     Neudorf    resident   verified
--   thomas        Thomas Keller                    Robertsau  resident   verified
--   paul          Paul Girard                      Robertsau  resident   suspended
--   claire        Claire Dubois                    Robertsau  sysop      verified
--   elise         Élise Bernard                    Robertsau  resident   verified
--   yann          Yann Le Gall                     Esplanade  resident   verified
--
-- The password hashes are argon2id at libsodium's interactive limits, each
-- with its own salt, as auth_hash_password() makes them.  Ids are explicit
-- so that replies can name their post; Esplanade is left with an empty wall.

INSERT INTO cities (id, name, created_at) VALUES
	(1, 'Strasbourg', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400);

INSERT INTO quartiers (id, city_id, name, created_at) VALUES
	(1, 1, 'Krutenau',  CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400),
	(2, 1, 'Neudorf',   CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400),
	(3, 1, 'Robertsau', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400),
	(4, 1, 'Esplanade', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400);

INSERT INTO residents (id, handle, display_name, quartier_id, street,
    password_hash, status, role, created_at, verified_at, last_login_at) VALUES
	(1, 'marie', 'Marie Lefèvre', 1, '12 rue des Orphelins',
	 '$argon2id$v=19$m=65536,t=2,p=1$IG+k3snLQ3H0ivLYVSLiJw$aMcguLlmkgJXp9EcbwV1CB63kSVzemfN/xhUNk4k5Ws',
	 'verified', 'moderator', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 66*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 65*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 22*3600),
	(2, 'karim', 'Karim Benali', 1, '5 rue de Zurich',
	 '$argon2id$v=19$m=65536,t=2,p=1$QfIrt/PR1NMSUbDOGLdQiA$PE1eXpzLa+uVMDA1TRUw2RzczDAGlbLBiIxQVKMkZas',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 63*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 61*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*3600),
	(3, 'odile', 'Odile Schmitt', 1, '8 rue Saint-Guillaume',
	 '$argon2id$v=19$m=65536,t=2,p=1$EYqTVtZALRa8CieIGW9pWA$0LluaojCKw5QBwJZmx4f1fZB/glSVIuctpnYPznYZW8',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 62*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 60*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*3600),
	(4, 'lucas', 'Lucas Muller', 1, '21 rue de la Krutenau',
	 '$argon2id$v=19$m=65536,t=2,p=1$se7bxao3CERapwcR72l21w$9TFB9ETRbwISAe1wDKYOqX/MHH+vPcuL655NsY/v7do',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 61*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 59*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*3600),
	(5, 'sophie', 'Sophie Martin', 1, '14 quai des Bateliers',
	 '$argon2id$v=19$m=65536,t=2,p=1$qqR7H2ZR7K0N7eXOL9XHgw$UGGJzPrR9ksmlCiXgCmhg47np9WHmAIABd9bEViWngw',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 60*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 58*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*3600),
	(6, 'csc-krutenau', 'Centre socio-culturel Krutenau', 1, '2 rue de la Krutenau',
	 '$argon2id$v=19$m=65536,t=2,p=1$bZqNFjwAqYc+z86GZHddSA$jK26H8QcmaS+I2mTb0MIZjPQFfq+cOjA1i1EOJoVxyw',
	 'verified', 'helper', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 66*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 66*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*3600),
	(7, 'jean', 'Jean Weber', 2, '34 route du Polygone',
	 '$argon2id$v=19$m=65536,t=2,p=1$Bd9YrHavu9Epzt/w3P2nNA$XbLvSzb6IXnwiLhKb9kXxSp9u8G20TC0Rla0iKn/zQ8',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 64*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 62*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 26*3600),
	(8, 'amelie', 'Amélie Roux', 2, '11 rue de Lunéville',
	 '$argon2id$v=19$m=65536,t=2,p=1$QSHJpJOInvGCS0qFnCYCuA$506V7bXZRNJOzvOIy3c1TUUoLuAEnzTbqNp3kRBjZk4',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 61*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 60*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*3600),
	(9, 'hugo', 'Hugo Fischer', 2, '2 rue d''Épinal',
	 '$argon2id$v=19$m=65536,t=2,p=1$u2nbV+A38lT+00ZiSUGVTA$iVpjqUMqlZ+FlT/sEyl8A2jTwnQbS5S5C0Xsdt8ofCk',
	 'pending', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400, NULL, NULL),
	(10, 'nadia', 'Nadia Haddad', 2, '45 avenue de Colmar',
	 '$argon2id$v=19$m=65536,t=2,p=1$bCSc/dCSEf2mpeh1vpGqAg$fZs8F1Rq6CnoZafCu8BSppweaAHWjY3M9Oezm1J9S98',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 59*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 57*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 12*3600),
	(11, 'thomas', 'Thomas Keller', 3, '9 rue Boecklin',
	 '$argon2id$v=19$m=65536,t=2,p=1$IxszQfS0E9xprY5M4ay0KQ$TSOo4AXgij9UtXCrMX2MpDruozElH4RCkSj2EHBbrqo',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 63*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 62*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*86400),
	(13, 'claire', 'Claire Dubois', 3, '6 rue Mélanie',
	 '$argon2id$v=19$m=65536,t=2,p=1$P8zStxdVSAnv18AQ6QlQbA$XxYxPl119VNPzadFRk37nXKNrpXUqmfJr5hQJnUg2Qc',
	 'verified', 'sysop', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 70*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 16*3600),
	(14, 'elise', 'Élise Bernard', 3, '18 rue de la Carpe Haute',
	 '$argon2id$v=19$m=65536,t=2,p=1$5bluQGa174ubobUw3hGzAQ$Ue951X9dJsc18ewuUjNpjwrOK7cLK1G9TuYHhuJSQrI',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 58*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 57*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400),
	(15, 'yann', 'Yann Le Gall', 4, '3 boulevard de la Victoire',
	 '$argon2id$v=19$m=65536,t=2,p=1$/RhECT8CSLF+CEA/EZcmjw$HI1yd7yfmyeUKeCpzHQ7UR8IbQGbWC7ssAQzU6hvnI8',
	 'verified', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 29*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400);

-- Suspended by the sysop for a fortnight, after a warning.
INSERT INTO residents (id, handle, display_name, quartier_id, street,
    password_hash, status, role, suspended_until, suspend_reason, created_at,
    verified_at, last_login_at) VALUES
	(12, 'paul', 'Paul Girard', 3, '27 rue de la Carpe Haute',
	 '$argon2id$v=19$m=65536,t=2,p=1$E2LsWKsyD+tORUAGjPMLWw$PkwALxAdVL0FUA2y8ymaKLxPn8etcYGjdAULvZK+AIQ',
	 'suspended', 'resident', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) + 12*86400,
	 'Messages insistants à des voisins malgré un avertissement.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 60*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 59*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400);

-- The wall.  Times are "days*86400 + hours*3600" ago.  reply_count and
-- last_activity_at are derived from the replies at the end of this file,
-- so that they cannot disagree with them.

INSERT INTO items (id, quartier_id, author_id, kind, category, title, body,
    pinned, created_at, last_activity_at) VALUES
	(1, 1, NULL, 'announcement', 'info',
	 'Bienvenue sur Quartier, le réseau des voisins de la Krutenau',
	 'Bonjour à toutes et à tous !

Quartier est l''espace d''entraide des habitants de la Krutenau : conseils, bons plans, prêts d''objets, coups de main et petites annonces, entre voisins vérifiés.

Quelques règles simples : on reste courtois, on ne publie rien de personnel sur les autres, et on signale ce qui pose problème plutôt que d''y répondre.

Besoin d''aide pour vous connecter ? Le centre socio-culturel vous accueille du mardi au vendredi, de 14 h à 18 h.

Bonne découverte !
L''équipe Quartier',
	 1, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 45*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 45*86400);

INSERT INTO items (id, quartier_id, author_id, kind, category, title, body,
    on_behalf_of, created_at, last_activity_at) VALUES
	-- Krutenau
	(2, 1, 3, 'post', 'advice', 'Un bon médecin généraliste ?',
	 'Bonjour, mon médecin part à la retraite à la fin du mois et je cherche un généraliste dans le quartier qui prenne encore de nouveaux patients. Idéalement un cabinet sans trop d''escaliers, mes genoux ne sont plus tout jeunes !

Merci d''avance pour vos conseils.
Odile',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (19*86400 + 9*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (19*86400 + 9*3600)),
	(3, 1, 5, 'post', 'help', 'Cherche baby-sitter le mercredi après-midi',
	 'Bonjour ! Nous cherchons quelqu''un de confiance pour garder nos deux enfants (6 et 9 ans) le mercredi de 13 h 30 à 18 h, sortie d''école comprise.

Idéalement quelqu''un du quartier. N''hésitez pas à m''écrire si vous connaissez une étudiante ou un étudiant sérieux.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (16*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (16*86400 + 5*3600)),
	(4, 1, 4, 'post', 'help', 'Je prête ma perceuse',
	 'Perceuse à percussion avec un jeu de mèches béton et bois, qui dort dans mon placard la plupart de l''année. Je la prête volontiers pour un week-end : écrivez-moi et on s''arrange.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (14*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (14*86400 + 4*3600)),
	(5, 1, 2, 'post', 'lost', 'Chat perdu rue de Zurich, tigré',
	 'Notre chat Moustache, tigré gris avec une tache blanche sur le museau, n''est pas rentré depuis hier soir. Il est craintif mais très gentil.

Il a peut-être été enfermé dans une cave ou un garage : pouvez-vous jeter un œil chez vous ? Les enfants ont le cœur gros… Merci !',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600),
	(6, 1, 1, 'post', 'info', 'Apéro de rue vendredi 19 h',
	 'Comme chaque année avant l''été, on organise un apéro de rue vendredi à partir de 19 h, au bout de la rue des Orphelins, côté square.

Chacun apporte quelque chose à partager (salé, sucré, boissons) et sa bonne humeur ! Les enfants sont les bienvenus. 🥂

Si vous avez des tables pliantes, faites-moi signe.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 3*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 3*3600)),
	(7, 1, 5, 'post', 'deal', 'Paniers de légumes à prix solidaire',
	 'La ferme qui livre les paniers bio au centre socio-culturel propose des paniers à prix solidaire pour les familles qui ont un petit budget. Légumes de saison, producteurs alsaciens, retrait le jeudi de 17 h à 19 h.

Renseignements à l''accueil du centre.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (10*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (10*86400 + 6*3600)),
	(8, 1, 6, 'post', 'alert', 'Coupure d''eau mardi de 8 h à 12 h',
	 'Le service des eaux nous informe d''une coupure mardi de 8 h à 12 h rue de la Krutenau, rue des Orphelins et rue Saint-Guillaume, pour des travaux sur le réseau. Pensez à faire quelques réserves la veille.

Si vous avez besoin d''aide pour porter des bouteilles d''eau, appelez l''accueil : des bénévoles passeront.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*3600),
	(9, 1, 4, 'post', 'advice', 'Réparer son vélo dans le quartier ?',
	 'Mon vélo a un rayon cassé et la chaîne qui saute. Vous connaissez un atelier pas trop cher, ou un atelier participatif où je pourrais apprendre à le faire moi-même ?',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 7*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 7*3600)),
	(10, 1, 3, 'post', 'help', 'Un coup de main pour monter mes courses',
	 'Bonjour, je me suis tordu la cheville et j''habite au 3e sans ascenseur. Quelqu''un pourrait-il m''aider à monter mes courses samedi vers 11 h ?

Je peux offrir un café et une part de tarte aux quetsches.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 8*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 8*3600)),
	(11, 1, 1, 'post', 'deal', 'Je donne des livres pour enfants',
	 'Une caisse de livres pour enfants de 3 à 8 ans, en bon état : albums, premières lectures, quelques bandes dessinées. À récupérer en fin de journée, écrivez-moi.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 3*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 3*3600)),
	(12, 1, 2, 'post', 'info', 'Vide-grenier de la Krutenau : inscriptions ouvertes',
	 'Les inscriptions pour le vide-grenier du mois prochain sont ouvertes à l''accueil du centre socio-culturel : 5 € les deux mètres, gratuit pour les moins de 16 ans. Il reste des places !',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 4*3600)),
	(13, 1, 5, 'post', 'lost', 'Trouvé : trousseau de clés quai des Bateliers',
	 'Trouvé ce matin sur un banc du quai des Bateliers : un trousseau de trois clés avec un porte-clés en forme de cigogne. Décrivez-le-moi en message privé et je vous le rends.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*3600),
	(14, 1, 6, 'post', 'help', 'Qui pourrait promener Filou ?',
	 'Germaine, 84 ans, nous a demandé de publier pour elle : son petit chien Filou a besoin de sortir en fin d''après-midi et ses jambes la fatiguent. Quelqu''un serait-il d''accord pour une balade de vingt minutes, deux ou trois fois par semaine ?

Elle n''a pas d''ordinateur : répondez ici ou passez à l''accueil du centre.',
	 'Germaine', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600)),

	-- Neudorf
	(20, 2, 8, 'post', 'help', 'Qui a un escabeau à prêter ?',
	 'Je dois changer une ampoule au plafond, à plus de trois mètres (vieil immeuble !). Quelqu''un aurait-il un escabeau ou une échelle à me prêter une heure ?',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 6*3600)),
	(21, 2, 7, 'post', 'info', 'La boîte à livres a fait peau neuve',
	 'La boîte à livres de la place du Marché a été repeinte par les élèves de l''école élémentaire : elle est magnifique ! Déposez-y les livres que vous avez aimés.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (11*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (11*86400 + 4*3600)),
	(22, 2, 10, 'post', 'deal', 'Fruits et légumes « moches » à moitié prix',
	 'L''épicerie de l''avenue de Colmar vend ses fruits et légumes abîmés à moitié prix le samedi après 17 h. Parfait pour les compotes, les soupes et les confitures !',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (7*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (7*86400 + 5*3600)),
	(23, 2, 7, 'post', 'alert', 'Attention aux faux techniciens du gaz',
	 'Deux personnes se présentant comme « techniciens du gaz » sonnent aux portes pour « vérifier les installations ». Personne ne les a mandatées : ne les laissez pas entrer, et prévenez vos voisins âgés.

J''ai signalé leur passage au commissariat.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 6*3600)),
	(24, 2, 8, 'post', 'advice', 'Cours de français pour ma voisine ?',
	 'Ma voisine est arrivée en France il y a peu et aimerait apprendre le français. Vous connaissez des cours gratuits ou des ateliers de conversation dans le quartier ?',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 7*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 7*3600)),
	(25, 2, 10, 'post', 'help', 'Déménagement samedi : quelques bras bienvenus',
	 'Je déménage à l''autre bout du quartier samedi matin (d''un 2e étage à un 1er, sans gros meubles). Deux ou trois personnes pendant deux heures, ce serait génial.

Croissants et café offerts, et un grand merci !',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 12*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 12*3600),

	-- Robertsau
	(30, 3, 11, 'post', 'info', 'Les cigognes sont de retour',
	 'Deux couples nichent de nouveau en haut des grands arbres du parc. Avec des jumelles, on voit très bien les petits depuis le chemin. Les enfants adorent !',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 5*3600)),
	(31, 3, 14, 'post', 'help', 'Arroser mes plantes pendant mes vacances',
	 'Je pars deux semaines en juillet. Quelqu''un du coin pourrait-il arroser mes plantes deux fois par semaine ? Je rendrai la pareille avec plaisir.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 6*3600)),
	(32, 3, 13, 'post', 'deal', 'Jardins familiaux : une parcelle se libère',
	 'L''association des jardins familiaux cherche un nouveau jardinier pour une parcelle d''environ 100 m² avec cabane. Priorité aux familles du quartier, candidatures avant la fin du mois.',
	 NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 16*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 16*3600);

INSERT INTO replies (id, item_id, author_id, body, created_at) VALUES
	-- Un bon médecin généraliste ?
	(1, 2, 1, 'Bonjour Odile, je vais chez le Dr Meyer, rue de la Krutenau : très à l''écoute, et le cabinet est au rez-de-chaussée. Il prenait encore de nouveaux patients le mois dernier, ça vaut le coup d''appeler.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (19*86400 + 7*3600)),
	(2, 2, 2, 'Nous, on est suivis à la maison de santé près de la place de Zurich. Ils sont plusieurs généralistes et on a souvent un rendez-vous dans la semaine.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (19*86400 + 2*3600)),
	(3, 2, 3, 'Merci beaucoup à vous deux ! J''ai appelé le cabinet du Dr Meyer, j''ai rendez-vous jeudi. Quel soulagement.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (18*86400 + 20*3600)),
	-- Cherche baby-sitter
	(4, 3, 6, 'Bonjour Sophie, plusieurs jeunes du quartier ont suivi notre formation baby-sitting cet hiver. Passez à l''accueil, on vous met en relation.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (16*86400 + 2*3600)),
	(5, 3, 5, 'Super, merci ! Je passe demain matin.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 22*3600)),
	-- Je prête ma perceuse
	(6, 4, 2, 'Je veux bien pour samedi, j''ai des étagères à fixer. Je te la rends dimanche soir, promis !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (14*86400 + 1*3600)),
	(7, 4, 4, 'Pas de souci, je te l''apporte vendredi soir.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 23*3600)),
	-- Chat perdu
	(8, 5, 3, 'J''ai cru le voir ce matin dans une cour de la rue Saint-Guillaume, sous les vélos. J''ai laissé une soucoupe d''eau au cas où.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*3600),
	(9, 5, 2, 'Merci Odile ! J''y suis allé : c''était bien lui. Il est rentré à la maison, tout le monde est soulagé 🐱',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*3600),
	-- Apéro de rue
	(10, 6, 5, 'On viendra avec les enfants et une quiche !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 1*3600)),
	(11, 6, 3, 'J''apporterai mon kouglof. Et j''ai deux chaises pliantes si besoin.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 20*3600)),
	(12, 6, 4, 'J''ai une table pliante, je la descends vers 18 h 30.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*3600),
	-- Paniers de légumes
	(13, 7, 6, 'Confirmé ! Il reste une dizaine de places pour ce trimestre. Inscriptions à l''accueil.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (10*86400 + 2*3600)),
	-- Réparer son vélo
	(14, 9, 1, 'Il y a un atelier vélo participatif le samedi matin à l''Esplanade : des outils, des pièces d''occasion et des bénévoles adorables. Adhésion à prix libre.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 5*3600)),
	(15, 9, 4, 'Génial, j''y vais samedi. Merci Marie !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 3*3600)),
	-- Monter les courses
	(16, 10, 2, 'Avec plaisir Odile, je passe samedi à 11 h. Gardez-moi une part de tarte !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 6*3600)),
	(17, 10, 3, 'Merci Karim, vous êtes un cœur.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 5*3600)),
	-- Filou
	(18, 14, 4, 'Je passe devant chez elle en rentrant du travail : je veux bien le lundi et le jeudi.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 1*3600)),
	-- Escabeau
	(19, 20, 7, 'J''ai un escabeau de six marches, je peux te le déposer ce soir.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 3*3600)),
	(20, 20, 8, 'Merci Jean, c''est parfait !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 2*3600)),
	-- Boîte à livres
	(21, 21, 10, 'J''y ai laissé trois romans policiers ce matin. Bonne lecture à qui les trouvera !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (11*86400 + 1*3600)),
	-- Fruits et légumes
	(22, 22, 8, 'Merci pour l''info : trois bocaux de confiture de prunes plus tard, je confirme !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 20*3600)),
	-- Faux techniciens
	(23, 23, 10, 'Merci Jean, j''ai prévenu ma voisine du dessous.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 2*3600)),
	(24, 23, 8, 'Ils sont passés rue d''Épinal ce matin, même discours. Soyez vigilants !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*3600),
	-- Cours de français
	(25, 24, 10, 'Le centre social propose des ateliers de conversation gratuits le mardi et le jeudi matin. Elle peut venir avec moi la première fois si elle veut.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 3*3600)),
	-- Cigognes
	(26, 30, 14, 'Merci Thomas, on y est allés dimanche : magnifique !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 22*3600)),
	-- Plantes
	(27, 31, 11, 'Je peux le faire, je suis juste à côté. On en parle par message ?',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 2*3600));

-- What the wall shows about each post follows from its replies.
UPDATE items SET
	reply_count = (SELECT count(*) FROM replies r WHERE r.item_id = items.id),
	last_activity_at = max(created_at, coalesce((SELECT max(r.created_at)
	    FROM replies r WHERE r.item_id = items.id), 0));

-- Everyone has read what they wrote, as of their last word on it.
INSERT INTO read_marks (resident_id, item_id, read_at)
	SELECT who, item, max(at) FROM (
		SELECT author_id AS who, id AS item, created_at AS at
		    FROM items WHERE author_id IS NOT NULL
		UNION ALL
		SELECT author_id, item_id, created_at
		    FROM replies WHERE author_id IS NOT NULL)
	GROUP BY who, item;

-- Every verified resident last came to the wall 22 hours ago, read it all
-- then, and had come four days before: what happened since is unread.
INSERT INTO board_visits (resident_id, board, last_visit_at,
    previous_visit_at, read_horizon)
	SELECT id, 'wall', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 22*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 22*3600
	    FROM residents WHERE status = 'verified';

-- Classifieds (petites annonces).
-- Ads live 30 days (classified_days); each expires_at below is its
-- posting (or last renewal) plus 30 days.  Marie's geraniums expired ten
-- days ago: only she sees them, under "my ads", and may renew them.
-- Karim's bicycle came after everyone's last visit, so it shows as new.
INSERT INTO items (id, quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	-- Krutenau
	(200, 1, 5, 'classified', 'children', 'Poussette compacte, très bon état',
	 'Poussette pliable qui tient dans un coffre de citadine, avec habillage pluie et panier. Nos enfants ont grandi, elle n''a servi que deux ans.

À voir quai des Bateliers, en fin de journée.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 3*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 3*3600)),
	(201, 1, 3, 'classified', 'books', 'Encyclopédie en 20 volumes',
	 'Je donne une encyclopédie complète, reliée, un peu ancienne mais en parfait état. Idéal pour un amateur ou une école. Il faut venir la chercher (3e étage sans ascenseur, deux cartons lourds).',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600)),
	(202, 1, 4, 'classified', 'diy', 'Cherche scie sauteuse',
	 'Pour découper un plan de travail. Je préfère acheter d''occasion plutôt que neuf ; en prêt pour un week-end, ça m''irait aussi.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 2*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 2*3600)),
	(203, 1, 1, 'classified', 'furniture', 'Commode ancienne en chêne',
	 'Commode à quatre tiroirs, en chêne massif, années 50. Quelques marques d''usage sur le dessus. Dimensions : 110 × 50 × 85 cm.

Il faudra être deux pour la descendre du 2e étage.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (20*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (20*86400 + 6*3600)),
	(204, 1, 6, 'classified', 'clothes', 'Vêtements d''hiver pour enfants (4 à 8 ans)',
	 'Des familles nous ont confié des anoraks, bonnets et bottes en bon état. Ils sont à donner aux familles du quartier : passez à l''accueil du centre du mardi au vendredi, de 14 h à 18 h.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 4*3600)),
	(205, 1, 4, 'classified', 'electronics', 'Écran 24 pouces Full HD',
	 'Écran de bureau 24 pouces avec câble HDMI et pied réglable. Aucun pixel mort.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 2*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 2*3600)),
	(206, 1, 5, 'classified', 'garden', 'Jardinières et sac de terreau',
	 'Trois jardinières de balcon de 60 cm et un sac de terreau entamé. Le tout pour 15 €.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 7*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 7*3600)),
	(207, 1, 1, 'classified', 'garden', 'Boutures de géranium',
	 'J''ai trop de boutures de géranium lierre : rouges et roses. Apportez un petit pot !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400),
	(208, 1, 2, 'classified', 'other', 'Bicyclette de ville, 26 pouces',
	 'Bicyclette avec panier, éclairage et antivol. Révisé le mois dernier à l''atelier participatif : pneus et chaîne neufs.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*3600),
	(209, 1, 3, 'classified', 'furniture', 'Cherche un fauteuil confortable',
	 'Je cherche un fauteuil assez haut, avec des accoudoirs, pour me relever facilement. Je peux le faire porter par mon neveu.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (26*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (26*3600)),
	-- Neudorf
	(210, 2, 8, 'classified', 'books', 'Lot de bandes dessinées Astérix',
	 'Quinze albums d''Astérix, éditions des années 80, bon état général.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 3*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 3*3600)),
	(211, 2, 7, 'classified', 'furniture', 'Bibliothèque à démonter',
	 'Grande bibliothèque blanche (200 × 80 cm), à démonter sur place. À donner avant samedi.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 8*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 8*3600));

INSERT INTO classifieds (item_id, ad_kind, price_cents, status, expires_at) VALUES
	(200, 'sell', 12000, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 3*3600) + 30*86400),
	(201, 'give', NULL, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600) + 30*86400),
	(202, 'wanted', 3000, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 2*3600) + 30*86400),
	(203, 'sell', 8000, 'reserved', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (20*86400 + 6*3600) + 30*86400),
	(204, 'give', NULL, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 4*3600) + 30*86400),
	(205, 'sell', 4500, 'gone', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 2*3600) + 30*86400),
	(206, 'sell', 1500, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 7*3600) + 30*86400),
	(207, 'give', NULL, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400),
	(208, 'sell', 9000, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*3600 + 30*86400),
	(209, 'wanted', NULL, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (26*3600) + 30*86400),
	(210, 'sell', 2500, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 3*3600) + 30*86400),
	(211, 'give', NULL, 'available', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 8*3600) + 30*86400);

-- Everyone last came to the classifieds 22 hours ago, and four days
-- before that.
INSERT INTO board_visits (resident_id, board, last_visit_at,
    previous_visit_at, read_horizon)
	SELECT id, 'classifieds', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 22*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 22*3600
	    FROM residents WHERE status = 'verified';

-- Lending and services (prêts et services).
-- Items take their ids from SQLite (each lendings row follows its item at
-- once); the loans find their item by title.  In Krutenau: the raclette
-- set is lent to Lucas, the centre's hand truck is overdue at Lucas's,
-- Karim's ladder waits for Sophie's answer, and two past loans earned
-- their mercis.  Marie has no loan at all.
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 6, 'lending', 'object', 'Diable et sangles de déménagement',
	 'Le centre socio-culturel prête un diable (150 kg), des sangles et des couvertures de déménagement. Passez les chercher aux heures d''ouverture, du mardi au vendredi de 14 h à 18 h.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400);
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 2, 'lending', 'object', 'Appareil à raclette (8 personnes)',
	 'Avec les poêlons et la grille. Idéal pour les soirées d''hiver ; à rendre propre, merci !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 3*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*86400 + 3*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 4, 'lending', 'service', 'Petites réparations de vélo',
	 'Crevaisons, freins, dérailleur : je répare dans ma cour le samedi matin. Apportez la pièce si quelque chose est à changer.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 7*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (12*86400 + 7*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'service');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 4, 'lending', 'object', 'Scie sauteuse',
	 'Avec des lames pour le bois et le métal. Je peux montrer comment s''en servir.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 2*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 2*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 3, 'lending', 'service', 'Monter une étagère',
	 'J''ai acheté une étagère en kit, mais mes mains ne suivent plus. Une heure d''aide suffirait ; je fournis le café et les bredele.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (6*86400 + 5*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'request', 'service');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 5, 'lending', 'service', 'Garder votre chat pendant les vacances',
	 'J''adore les chats et je travaille de chez moi : je passe nourrir le vôtre et changer la litière, matin et soir.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 1*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*86400 + 1*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'service');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 5, 'lending', 'object', 'Cherche un escabeau pour deux jours',
	 'Pour repeindre le plafond de la cuisine ce week-end. Je peux venir le chercher.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 4*3600));
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'request', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 2, 'lending', 'object', 'Biporteur électrique (vélo cargo)',
	 'Un biporteur électrique, parfait pour les courses ou un petit déménagement. Je montre comment il marche avant le premier prêt ; casque fourni.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 26*3600, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 26*3600);
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
-- Neudorf
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(2, 7, 'lending', 'object', 'Taille-haie électrique',
	 'Rallonge de 20 m fournie. Je le prête pour un week-end.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400);
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(2, 10, 'lending', 'object', 'Jeux de société pour enfants',
	 'Une caisse de jeux pour les 5-10 ans, à emprunter pour un anniversaire ou des vacances pluvieuses.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*86400);
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'offer', 'object');
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(2, 8, 'lending', 'service', 'Cours de couture pour débutante',
	 'Je voudrais apprendre à faire des ourlets et à poser une fermeture éclair. Quelqu''un aurait-il une heure ou deux ?',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 4*86400);
INSERT INTO lendings (item_id, direction, nature) VALUES
	(last_insert_rowid(), 'request', 'service');

INSERT INTO loans (item_id, borrower_id, lender_id, status, requested_at,
    decided_at, due_at, returned_at, merci_at, note) VALUES
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Diable et sangles de déménagement'),
	 5, NULL, 'returned', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 28*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 27*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 25*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 25*86400,
	 'Pour monter un canapé au 4e sans ascenseur.'),
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Diable et sangles de déménagement'),
	 4, NULL, 'accepted', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 12*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 11*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400,
	 NULL, NULL, 'Je déménage un piano avec des amis, samedi.'),
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Appareil à raclette (8 personnes)'),
	 4, NULL, 'accepted', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) + 5*86400,
	 NULL, NULL, 'Pour une soirée entre amis samedi, je le rends propre !'),
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Monter une étagère'),
	 3, 4, 'returned', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) + 2*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400,
	 'Je passe samedi matin avec ma visseuse.'),
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Cherche un escabeau pour deux jours'),
	 5, 2, 'requested', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600,
	 NULL, NULL, NULL, NULL,
	 'J''en ai un de 5 marches, je vous l''apporte quand vous voulez.'),
	((SELECT id FROM items WHERE kind = 'lending' AND title = 'Jeux de société pour enfants'),
	 8, NULL, 'returned', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 15*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 15*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 8*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400,
	 'Pour l''anniversaire de ma fille.');

-- Every verified resident last came to the lending board three days ago,
-- and a week ago before that.
INSERT INTO board_visits (resident_id, board, last_visit_at,
    previous_visit_at, read_horizon)
	SELECT id, 'lending', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 7*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400
	    FROM residents WHERE status = 'verified';

-- Events (événements).  They start at round hours of the local day (the
-- TZ of the program that loads the demo), so many days from today.
-- Krutenau has a repair café the day after tomorrow, a picnic, a guided
-- walk already full with one neighbour in line, a concert that was
-- cancelled, and last month's fête des voisins in the archive; Neudorf
-- has a plant swap.  The organiser hosts and gives no answer.
INSERT INTO items (quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(1, 6, 'event', 'event', 'Repair café : vélos et petit électroménager',
	 'Un grille-pain qui ne chauffe plus, un vélo qui grince, une lampe qui clignote ? Venez le réparer avec nos bénévoles plutôt que de le jeter.

Apportez l''objet et, si possible, la pièce qui manque. Café et gâteaux offerts.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*86400),
	(1, 5, 'event', 'event', 'Pique-nique au bord de l''Ill',
	 'On profite des derniers beaux jours : chacun apporte un plat à partager et de quoi s''asseoir. Les enfants sont les bienvenus, il y a de la place pour jouer.

S''il pleut, on se replie sous le préau de l''école du Sturm.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400),
	(1, 6, 'event', 'event', 'Visite guidée : la Krutenau d''hier à aujourd''hui',
	 'Une promenade de deux heures avec une guide conférencière, des anciens bains municipaux au quai des Bateliers. Groupe limité, inscrivez-vous ; si c''est complet, mettez-vous sur la liste d''attente, il y a souvent des désistements.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400),
	(1, 4, 'event', 'event', 'Concert de jazz dans la cour',
	 'Mon groupe joue quelques morceaux dans la cour de l''immeuble, en acoustique. Entrée libre.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 8*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 8*86400),
	(1, 1, 'event', 'event', 'Fête des voisins de la rue des Orphelins',
	 'Tables dans la rue, barbecue partagé et musique. La mairie a autorisé la fermeture de la rue de 18 h à 23 h.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400),
	-- Neudorf
	(2, 8, 'event', 'event', 'Troc de plantes et de boutures',
	 'Venez échanger vos boutures, graines et plantes d''intérieur. Pensez à étiqueter ce que vous apportez !',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400);

INSERT INTO events (item_id, starts_at, ends_at, place, capacity, cancelled_at)
	SELECT i.id, e.starts_at, e.ends_at, e.place, e.capacity, e.cancelled_at
	FROM items i JOIN (
		SELECT 'Repair café : vélos et petit électroménager' AS title,
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+2 days', '+14 hours', 'utc') AS INTEGER) AS starts_at,
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+2 days', '+17 hours', '+30 minutes', 'utc') AS INTEGER) AS ends_at,
		    'Centre socio-culturel, 2 rue de la Krutenau' AS place, 12 AS capacity, NULL AS cancelled_at
		UNION ALL SELECT 'Pique-nique au bord de l''Ill',
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+5 days', '+12 hours', 'utc') AS INTEGER),
		    NULL, 'Quai des Pêcheurs, près de la passerelle', NULL, NULL
		UNION ALL SELECT 'Visite guidée : la Krutenau d''hier à aujourd''hui',
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+9 days', '+10 hours', 'utc') AS INTEGER),
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+9 days', '+12 hours', 'utc') AS INTEGER),
		    'Devant l''église Saint-Guillaume', 2, NULL
		UNION ALL SELECT 'Concert de jazz dans la cour',
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+4 days', '+19 hours', 'utc') AS INTEGER),
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+4 days', '+21 hours', 'utc') AS INTEGER),
		    'Cour du 21 rue de la Krutenau', NULL,
		    CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600
		UNION ALL SELECT 'Fête des voisins de la rue des Orphelins',
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '-25 days', '+18 hours', 'utc') AS INTEGER),
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '-25 days', '+23 hours', 'utc') AS INTEGER),
		    'Rue des Orphelins', NULL, NULL
		UNION ALL SELECT 'Troc de plantes et de boutures',
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+6 days', '+10 hours', 'utc') AS INTEGER),
		    CAST(strftime('%s', quartier_now(), 'unixepoch', 'localtime', 'start of day', '+6 days', '+13 hours', 'utc') AS INTEGER),
		    'Square du Neudorf, place du Marché', 30, NULL
	) e ON e.title = i.title
	WHERE i.kind = 'event';

-- Answers: the guided walk is full (Marie and Karim), Lucas waits in line.
INSERT INTO rsvps (event_id, resident_id, answer, waitlisted, answered_at)
	SELECT i.id, r.who, r.answer, r.waitlisted,
	    CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - r.ago
	FROM items i JOIN (
		SELECT 'Repair café : vélos et petit électroménager' AS title, 4 AS who, 'yes' AS answer, 0 AS waitlisted, 5*86400 AS ago
		UNION ALL SELECT 'Repair café : vélos et petit électroménager', 3, 'yes', 0, 4*86400
		UNION ALL SELECT 'Repair café : vélos et petit électroménager', 5, 'maybe', 0, 3*86400
		UNION ALL SELECT 'Pique-nique au bord de l''Ill', 2, 'yes', 0, 2*86400
		UNION ALL SELECT 'Pique-nique au bord de l''Ill', 1, 'yes', 0, 2*86400 - 3600
		UNION ALL SELECT 'Pique-nique au bord de l''Ill', 3, 'maybe', 0, 86400
		UNION ALL SELECT 'Pique-nique au bord de l''Ill', 4, 'no', 0, 20*3600
		UNION ALL SELECT 'Visite guidée : la Krutenau d''hier à aujourd''hui', 1, 'yes', 0, 8*86400
		UNION ALL SELECT 'Visite guidée : la Krutenau d''hier à aujourd''hui', 2, 'yes', 0, 7*86400
		UNION ALL SELECT 'Visite guidée : la Krutenau d''hier à aujourd''hui', 4, 'yes', 1, 6*86400
		UNION ALL SELECT 'Concert de jazz dans la cour', 2, 'yes', 0, 7*86400
		UNION ALL SELECT 'Concert de jazz dans la cour', 5, 'maybe', 0, 6*86400
		UNION ALL SELECT 'Fête des voisins de la rue des Orphelins', 2, 'yes', 0, 30*86400
		UNION ALL SELECT 'Fête des voisins de la rue des Orphelins', 3, 'yes', 0, 29*86400
		UNION ALL SELECT 'Fête des voisins de la rue des Orphelins', 5, 'yes', 0, 28*86400
		UNION ALL SELECT 'Troc de plantes et de boutures', 7, 'yes', 0, 4*86400
		UNION ALL SELECT 'Troc de plantes et de boutures', 10, 'maybe', 0, 3*86400
	) r ON r.title = i.title
	WHERE i.kind = 'event';

-- Mail (messagerie).
-- Conversations of the Krutenau and a little of Neudorf.  THREAD_ID is the
-- first message of each conversation; a moderator's notice says so
-- (from_moderation).  Everything addressed to Marie and Karim has been
-- read, so that they start with an empty top line; Lucas has one message
-- waiting.
INSERT INTO messages (id, quartier_id, thread_id, sender_id, recipient_id,
    subject, body, from_moderation, about_item_id, created_at, read_at) VALUES
	-- Odile borrows Lucas's drill.
	(1, 1, 1, 3, 4, 'Votre perceuse',
	 'Bonjour Lucas,

J''ai vu votre message sur le mur : pourrais-je vous emprunter la perceuse samedi ? Je voudrais enfin accrocher les cadres de mes petits-enfants.

Odile (au 8, deuxième étage)',
	 0, 4, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 20*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 18*3600)),
	(2, 1, 1, 4, 3, 'Re: Votre perceuse',
	 'Bonjour Odile, avec plaisir ! Je passe vous la déposer samedi vers 10 h, et si vous voulez je vous aide à percer : le béton de ces immeubles est coriace.',
	 0, 4, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 17*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 15*3600)),
	(3, 1, 1, 3, 4, 'Re: Votre perceuse',
	 'Vous êtes un ange. Je ferai une tarte aux quetsches.',
	 0, 4, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 14*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (13*86400 + 9*3600)),
	-- The sysops' rules, recalled by the quartier's moderator.
	(4, 1, 4, 1, 4, 'Petits rappels de la charte',
	 'Bonjour Lucas,

Votre annonce de vente de billets de concert a été signalée : le mur sert à l''entraide entre voisins, les ventes vont dans les petites annonces. Je l''ai laissée en place cette fois-ci, mais pensez-y pour la prochaine !

Bonne journée,
Marie, modératrice de la Krutenau',
	 1, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 5*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 2*3600)),
	(5, 1, 4, 4, 1, 'Re: Petits rappels de la charte',
	 'Compris, merci Marie, je ne savais pas. Ce sera dans les annonces.',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (9*86400 + 1*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 22*3600)),
	-- Tables for the street party.
	(6, 1, 6, 1, 5, 'Tables pliantes pour l''apéro',
	 'Sophie, vous aviez parlé de tables pliantes au centre socio-culturel : pourriez-vous en réserver deux pour vendredi ? Je peux aider à les porter.',
	 0, 6, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 6*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (4*86400 + 2*3600)),
	(7, 1, 6, 5, 1, 'Re: Tables pliantes pour l''apéro',
	 'C''est fait : deux tables et six chaises, à récupérer vendredi à 17 h à l''accueil. Je serai là.',
	 0, 6, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 20*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 4*3600)),
	-- The lost cat.
	(8, 1, 8, 5, 2, 'Moustache',
	 'Bonsoir Karim, je crois avoir vu un chat tigré avec une tache blanche dans la cour du 14 quai des Bateliers, derrière les vélos. Il avait l''air d''avoir peur, je n''ai pas osé l''approcher.',
	 0, 5, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (18*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (17*3600 + 40*60)),
	(9, 1, 8, 2, 5, 'Re: Moustache',
	 'Merci mille fois Sophie ! C''était bien lui : les enfants l''ont retrouvé, affamé mais en pleine forme.',
	 0, 5, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (16*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (15*3600)),
	-- The community centre's tablet workshop.
	(10, 1, 10, 6, 3, 'Atelier tablette mardi',
	 'Bonjour Madame Schmitt,

L''atelier « Ma tablette au quotidien » reprend mardi à 14 h 30. Nous verrons ensemble les appels vidéo et la messagerie de Quartier. Apportez votre tablette chargée !

L''équipe du centre',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (3*86400 + 4*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 23*3600)),
	(11, 1, 10, 3, 6, 'Re: Atelier tablette mardi',
	 'Je viendrai, merci. Ma voisine Madame Kieffer voudrait venir aussi, est-ce possible ?',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 21*3600), NULL),
	-- Karim needs a ladder; Lucas has not read it yet.
	(12, 1, 12, 2, 4, 'Une échelle ce week-end ?',
	 'Salut Lucas, tu aurais une échelle de 3 mètres à prêter samedi ? Il faut que je nettoie la gouttière avant les pluies. Je te la rends le soir même.',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (5*3600), NULL),
	-- Neudorf.
	(13, 2, 13, 7, 8, 'Covoiturage pour le marché',
	 'Bonjour Amélie, je vais au marché paysan de Kehl samedi matin en voiture. Il me reste deux places si cela vous dit.',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 7*3600), CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 3*3600)),
	(14, 2, 13, 8, 7, 'Re: Covoiturage pour le marché',
	 'Avec plaisir ! Je serai devant le 11 rue de Lunéville à 8 h 30.',
	 0, NULL, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 2*3600), NULL);

-- Lucas cancelled his concert yesterday: Karim and Sophie were told, and
-- read it (after the conversations above, which take their ids from 1).
INSERT INTO messages (quartier_id, sender_id, recipient_id, subject, body,
    about_item_id, created_at, read_at)
	SELECT 1, 4, r.resident_id, 'Annulé : Concert de jazz dans la cour',
	    'Lucas Muller a annulé l''événement « Concert de jazz dans la cour ».

Raison : Notre batteur s''est cassé le poignet, désolé ! On reprogrammera au printemps.',
	    i.id, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600,
	    CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*3600
	FROM items i JOIN rsvps r ON r.event_id = i.id
	WHERE i.kind = 'event' AND i.title = 'Concert de jazz dans la cour';
UPDATE messages SET thread_id = id
	WHERE thread_id IS NULL AND subject = 'Annulé : Concert de jazz dans la cour';
UPDATE events SET cancel_reason = 'Notre batteur s''est cassé le poignet, désolé ! On reprogrammera au printemps.'
	WHERE cancelled_at IS NOT NULL AND item_id = (SELECT id FROM items
	    WHERE kind = 'event' AND title = 'Concert de jazz dans la cour');

-- Reports and moderation.
-- Krutenau's moderator is Marie (above); the city's sysop is Claire.

-- Open reports in Krutenau: a post, a reply and an ad.
INSERT INTO reports (reporter_id, quartier_id, target_kind, target_id, reason,
    created_at) VALUES
	(4, 1, 'item', 7, 'On dirait de la publicité pour un commerce, pas une entraide entre voisins.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 3*3600)),
	(5, 1, 'reply', 2, 'Cette réponse fait de la réclame pour un cabinet précis.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (1*86400 + 6*3600)),
	(2, 1, 'item', 205, 'Le prix est trop beau : la même annonce circule sur d''autres sites, je crains une arnaque.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*3600);

-- A reply hidden by Marie after a report: only its author, Sophie, still
-- sees it, marked with the reason.  It counts in the post's replies, as
-- one hidden by the program would.
INSERT INTO replies (item_id, author_id, body, created_at, hidden_at, hidden_by,
    hidden_reason) VALUES
	(9, 5, 'Encore une question de vélo… Cherchez sur internet au lieu d''encombrer le mur, c''est pénible.',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 4*3600),
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (7*86400 + 20*3600), 1,
	 'Réponse méprisante envers un voisin : merci de rester bienveillant.');
INSERT INTO reports (reporter_id, quartier_id, target_kind, target_id, reason,
    created_at, resolved_at, resolved_by, resolution)
	SELECT 4, 1, 'reply', id, 'Ton désagréable, ça ne donne pas envie de demander de l''aide.',
	    CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (8*86400 + 1*3600),
	    hidden_at, 1, 'hide'
	FROM replies WHERE hidden_at IS NOT NULL AND item_id = 9;
INSERT INTO moderation_log (actor_id, actor_name, quartier_id, action,
    target_kind, target_id, reason, created_at)
	SELECT 1, 'Marie Lefèvre', 1, 'hide', 'reply', id, hidden_reason, hidden_at
	FROM replies WHERE hidden_at IS NOT NULL AND item_id = 9;
UPDATE items SET
	reply_count = (SELECT count(*) FROM replies r WHERE r.item_id = items.id),
	last_activity_at = max(created_at, coalesce((SELECT max(r.created_at)
	    FROM replies r WHERE r.item_id = items.id), 0))
	WHERE id = 9;

-- Krutenau and Neudorf are neighbours (quartier-admin quartier neighbour
-- Krutenau Neudorf): Karim shared his lost cat with Neudorf, whose
-- residents see it on their wall, marked "[Krutenau]".
INSERT INTO quartier_neighbours (quartier_id, neighbour_id, created_at) VALUES
	(1, 2, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400),
	(2, 1, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400);
UPDATE items SET shared_at = created_at WHERE id = 5;

-- Groups: Lucas runs on Sunday with Karim and Sophie (open to all); the
-- shared garden of Odile takes members on request, and Marie asked.
INSERT INTO quartier_groups (id, quartier_id, name, description, open, created_at) VALUES
	(1, 1, 'Course du dimanche',
	 'On court le long de l''Ill le dimanche à 9 h, départ du pont Saint-Guillaume : 5 ou 10 km, à l''allure de chacun.',
	 1, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400),
	(2, 1, 'Jardin partagé de la rue des Bateliers',
	 'Une douzaine de bacs au fond de la cour du 8 : on arrose à tour de rôle et on partage la récolte.',
	 0, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 35*86400);
INSERT INTO group_members (group_id, resident_id, role, since) VALUES
	(1, 4, 'founder', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400),
	(1, 2, 'member', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 18*86400),
	(1, 5, 'member', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 6*86400),
	(2, 3, 'founder', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 35*86400),
	(2, 5, 'admin', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400),
	(2, 1, 'pending', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400);

-- Bonnes adresses.  Krutenau's doctor takes new patients (Odile checked
-- three days ago), its plumber is recommended by three neighbours, a
-- baby-sitter agreed to be listed by Sophie, and nobody knows yet whether
-- the dentist of the quai takes patients; Neudorf has its pharmacy.
-- Each reply is one neighbour's recommendation; NAME_FOLDED is the name
-- as text_fold_words() gives it.
INSERT INTO items (id, quartier_id, author_id, kind, category, title, body,
    created_at, last_activity_at) VALUES
	(300, 1, 3, 'address', 'doctor', 'Dr Anne Muller',
	 '03 88 00 12 34 · du lundi au vendredi, 8 h - 18 h, sur rendez-vous',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400),
	(301, 1, 2, 'address', 'artisan', 'Plomberie Koenig',
	 '06 12 00 56 78 · du lundi au samedi, et le dimanche pour les fuites',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 35*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 35*86400),
	(302, 1, 5, 'address', 'shop', 'Boulangerie Au Pain d''Antan',
	 'Fermée le lundi · 6 h 30 - 19 h 30',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400),
	(303, 1, 5, 'address', 'childcare', 'Léa Schneider',
	 'Écrire à Sophie, qui transmet · le mercredi et le soir',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400),
	(304, 1, 4, 'address', 'dentist', 'Cabinet dentaire du quai',
	 '03 88 00 98 76',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 5*86400),
	(305, 2, 7, 'address', 'pharmacy', 'Pharmacie du Neudorf',
	 'Ouverte le samedi toute la journée',
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400);
INSERT INTO addresses (item_id, trade, street, patients, patients_at,
    patients_by, person, name_folded) VALUES
	(300, NULL, '12 rue des Bouchers', 'yes', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 3*86400, 3, NULL, ' dr anne muller '),
	(301, 'plombier', 'rue de Zurich', NULL, NULL, NULL, NULL, ' plomberie koenig '),
	(302, NULL, 'rue de la Krutenau', NULL, NULL, NULL, NULL, ' boulangerie au pain d antan '),
	(303, NULL, 'quai des Bateliers', NULL, NULL, NULL, 'agreed', ' lea schneider '),
	(304, NULL, 'quai des Pêcheurs', 'unknown', NULL, NULL, NULL, ' cabinet dentaire du quai '),
	(305, NULL, 'route du Polygone', NULL, NULL, NULL, NULL, ' pharmacie du neudorf ');
INSERT INTO replies (item_id, author_id, body, created_at) VALUES
	(300, 3, 'Très à l''écoute, et elle prend encore de nouveaux patients : je me suis inscrite le mois dernier.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 40*86400),
	(300, 5, 'Elle suit mes enfants depuis deux ans, toujours disponible.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 12*86400),
	(301, 2, 'Venu un dimanche pour une fuite sous l''évier, prix honnête.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 35*86400),
	(301, 4, 'A remplacé notre chauffe-eau en une matinée, devis respecté.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 21*86400),
	(301, 1, 'Ponctuel et explique ce qu''il fait. Je recommande.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 9*86400),
	(302, 5, 'Le meilleur pain au levain du quartier.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*86400),
	(303, 5, 'Léa, étudiante, garde nos enfants le mercredi ; elle est d''accord pour être listée ici.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 10*86400),
	(305, 7, 'De bons conseils, et ouverte le samedi.', CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 30*86400);
UPDATE items SET
	reply_count = (SELECT count(*) FROM replies r WHERE r.item_id = items.id),
	last_activity_at = max(created_at, coalesce((SELECT max(r.created_at)
	    FROM replies r WHERE r.item_id = items.id), 0))
	WHERE kind = 'address';

-- A poll on Karim's post about the vide-grenier: which Saturday?  Marie,
-- Odile, Lucas and Sophie voted; Karim has not yet, so he sees the
-- choices only until he votes.  It closes in twelve days.
UPDATE items SET body = body || char(10) || char(10) ||
	'Reste à choisir le samedi : votez ci-dessous.' WHERE id = 12;
INSERT INTO polls (item_id, multiple, closes_at, created_at) VALUES
	(12, 0, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) + 12*86400,
	 CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - (2*86400 + 4*3600));
INSERT INTO poll_choices (id, item_id, position, label) VALUES
	(1, 12, 1, 'Le premier samedi du mois'),
	(2, 12, 2, 'Le deuxième samedi'),
	(3, 12, 3, 'Le dernier samedi');
INSERT INTO poll_votes (item_id, resident_id, choice_id, voted_at) VALUES
	(12, 1, 2, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400),
	(12, 3, 1, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 2*86400),
	(12, 4, 2, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 1*86400),
	(12, 5, 2, CAST(strftime('%s', quartier_now(), 'unixepoch') AS INTEGER) - 20*3600);
